import type { Meta, StoryObj } from '@storybook/react-vite';
import * as icons from './account-icons.tsx';

function Gallery() {
  return (
    <ul style={{ display: 'flex', flexWrap: 'wrap', gap: 24, listStyle: 'none', padding: 0, fontSize: 28 }}>
      {Object.entries(icons).map(([name, Icon]) => (
        <li key={name} style={{ display: 'grid', justifyItems: 'center', gap: 6 }}>
          <Icon />
          <span style={{ fontSize: 12 }}>{name}</span>
        </li>
      ))}
    </ul>
  );
}

const meta = { title: 'Foundations/Account icons', component: Gallery } satisfies Meta<typeof Gallery>;
export default meta;
export const All: StoryObj<typeof meta> = {};
