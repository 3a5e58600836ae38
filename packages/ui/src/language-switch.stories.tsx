import { useState } from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { fn } from 'storybook/test';
import { LanguageSwitch } from './language-switch.tsx';

const options = [
  { value: 'en', label: 'EN', lang: 'en' },
  { value: 'fr', label: 'FR', lang: 'fr' },
];

const meta = {
  title: 'Components/LanguageSwitch',
  component: LanguageSwitch,
  args: { value: 'en', options, onChange: fn(), label: 'Language' },
} satisfies Meta<typeof LanguageSwitch>;
export default meta;
type Story = StoryObj<typeof meta>;

export const English: Story = {};
export const French: Story = { args: { value: 'fr', label: 'Langue' } };
export const LongLabels: Story = {
  args: { options: [{ value: 'en', label: 'English', lang: 'en' }, { value: 'fr', label: 'Français', lang: 'fr' }] },
};

function Controlled() {
  const [value, setValue] = useState('en');
  return <LanguageSwitch value={value} options={options} onChange={setValue} label="Language" />;
}
export const Interactive: Story = { render: () => <Controlled /> };
