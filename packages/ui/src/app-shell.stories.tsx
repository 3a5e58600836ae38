import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
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
    <LanguageSwitch className="vz-shell__wide" value="en" label="Language" onChange={fn()} options={[{ value: 'en', label: 'EN' }, { value: 'fr', label: 'FR' }]} />
    <Avatar name="Lumen" size="sm" />
  </>
);
/** What the phone header's sheet holds (the app passes its nav, account links and language select). */
const menu = {
  label: 'Menu',
  closeLabel: 'Close menu',
  content: (
    <>
      <nav aria-label="Main">
        <a href="#home" aria-current="page">Home</a>
        <a href="#upload">Upload</a>
      </nav>
      <hr />
      <a href="#profile">Lumen</a>
      <a href="#settings">Settings</a>
      <LanguageSwitch value="en" label="Language" onChange={fn()} options={[{ value: 'en', label: 'English' }, { value: 'fr', label: 'Français' }]} />
    </>
  ),
};
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
/** The compact header at phone width: brand, the avatar (not marked wide, so it stays) and a menu button. */
export const Phone: Story = { args: { menu, player }, globals: { viewport: { value: 'mobile1', isRotated: false } } };
/** The menu sheet, open. */
export const PhoneMenuOpen: Story = {
  args: { menu, player },
  globals: { viewport: { value: 'mobile1', isRotated: false } },
  play: async ({ canvasElement }) => {
    const page = within(canvasElement.ownerDocument.body);
    await userEvent.click(page.getByRole('button', { name: 'Menu' }));
    await expect(page.getByRole('dialog', { name: 'Menu' })).toBeVisible();
  },
};
/** With a menu, the wide header is unchanged (the menu button only shows below 70rem). */
export const WideWithMenu: Story = { args: { menu } };
