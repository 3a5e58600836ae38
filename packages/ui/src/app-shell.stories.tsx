import type { Meta, StoryObj } from '@storybook/react-vite';
import { fn } from 'storybook/test';
import { Avatar } from './avatar.tsx';
import { EmptyState } from './empty-state.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { PlayerBar } from './player-bar.tsx';
import { AppShell } from './app-shell.tsx';

const nav = (
  <>
    <a href="#home" aria-current="page">Home</a>
    <a href="#upload">Upload</a>
    <a href="#likes">Likes</a>
  </>
);
const actions = (
  <>
    <LanguageSwitch value="en" label="Language" onChange={fn()} options={[{ value: 'en', label: 'EN' }, { value: 'fr', label: 'FR' }]} />
    <Avatar name="Lumen" size="sm" />
  </>
);
const player = (
  <PlayerBar
    title="Night Drive"
    artistName="Lumen"
    isPlaying
    currentTime={42}
    duration={215}
    onPlayPause={fn()}
    onSeek={fn()}
    labels={{ play: 'Play', pause: 'Pause', seek: 'Seek', player: 'Player' }}
  />
);

const meta = {
  title: 'Layout/AppShell',
  component: AppShell,
  args: {
    brand: <a href="#home">Veza</a>,
    nav,
    navLabel: 'Main',
    actions,
    skipLabel: 'Skip to content',
    children: <EmptyState title="Your feed is empty" description="Follow artists to fill it up." />,
  },
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof AppShell>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const WithPlayer: Story = { args: { player } };
export const Minimal: Story = { args: { nav: undefined, actions: undefined } };
