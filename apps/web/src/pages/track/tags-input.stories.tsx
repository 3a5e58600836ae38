import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent, within } from 'storybook/test';
import { TagsInput, type TagsInputProps } from './tags-input.tsx';

function Controlled(props: Omit<TagsInputProps, 'onChange'>) {
  const [tags, setTags] = useState(props.value);
  return <TagsInput {...props} value={tags} onChange={setTags} />;
}

const meta = {
  title: 'Tracks/TagsInput',
  component: TagsInput,
  render: (args) => <Controlled {...args} />,
  decorators: [(Story) => <div style={{ maxWidth: 520, padding: 16 }}><Story /></div>],
  args: {
    label: 'Tags',
    hint: 'Press Enter or a comma to add a tag; Backspace removes the last one. Up to 10.',
    placeholder: 'Add a tag…',
    value: ['lo-fi', 'night', 'chillhop'],
    onChange: () => undefined,
    removeLabel: (tag: string) => `Remove the tag ${tag}`,
    addedMessage: (tag: string) => `Tag ${tag} added.`,
    removedMessage: (tag: string) => `Tag ${tag} removed.`,
    fullMessage: 'You already have 10 tags.',
  },
} satisfies Meta<typeof TagsInput>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const Empty: Story = { args: { value: [] } };
/** Typing "Rain" then Enter adds a chip. */
export const Adding: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByRole('textbox', { name: 'Tags' }), 'Rain{Enter}');
    await expect(canvas.getByRole('button', { name: 'Remove the tag rain' })).toBeVisible();
  },
};
export const InvalidTag: Story = {
  play: async ({ canvasElement }) => {
    await userEvent.type(within(canvasElement).getByRole('textbox', { name: 'Tags' }), '#hashtag{Enter}');
  },
};
export const ServerError: Story = { args: { error: 'Use at most 10 tags.' } };
export const Full: Story = { args: { value: ['ambient', 'drone', 'field recording', 'lyon', 'juno-60', 'tape', 'night', 'rain', 'piano', 'slow'] } };
