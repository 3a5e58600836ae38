import type { Meta, StoryObj } from '@storybook/react-vite';
import { fn } from 'storybook/test';
import { QueuePanel } from './queue-panel.tsx';

const labels = {
  title: 'Queue',
  empty: 'The queue is empty. Play a list, or add tracks with “Add to queue”.',
  nowPlaying: 'Now playing',
  play: (t: string) => `Play “${t}” from the queue`,
  remove: (t: string) => `Remove “${t}” from the queue`,
  moveUp: (t: string) => `Move “${t}” up`,
  moveDown: (t: string) => `Move “${t}” down`,
  close: 'Close',
};

const items = [
  { key: 'q1', title: 'Night Drive', artistName: 'Ana Lima', durationMs: 200_000 },
  { key: 'q2', title: 'Paper Boats (Extended Mix with a Very Long Title)', artistName: 'Élodie Martin & The Harbour Collective', durationMs: 3_725_000 },
  { key: 'q3', title: 'Field Notes', artistName: 'Lumen', durationMs: 95_000 },
  { key: 'q4', title: 'Harbour Lights', artistName: 'Ana Lima', durationMs: null },
];

const meta = {
  title: 'Player/QueuePanel',
  component: QueuePanel,
  args: { items, currentKey: 'q2', onJump: fn(), onRemove: fn(), onMove: fn(), onClose: fn(), labels },
  decorators: [(Story) => <div style={{ padding: '1rem' }}><Story /></div>],
} satisfies Meta<typeof QueuePanel>;
export default meta;
type Story = StoryObj<typeof meta>;

export const WithItems: Story = {};
export const Empty: Story = { args: { items: [], currentKey: null } };
export const WithoutReorder: Story = { args: { onMove: undefined } };
export const French: Story = {
  args: {
    labels: {
      title: "File d'attente",
      empty: "La file d'attente est vide.",
      nowPlaying: 'En cours',
      play: (t) => `Écouter « ${t} » depuis la file`,
      remove: (t) => `Retirer « ${t} » de la file`,
      moveUp: (t) => `Monter « ${t} »`,
      moveDown: (t) => `Descendre « ${t} »`,
      close: 'Fermer',
    },
  },
};
