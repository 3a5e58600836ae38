import type { Meta, StoryObj } from '@storybook/react-vite';
import { fixtures, MockTrpcError, MOCK_SHARE_LINKS_MAX, sharesMock, trpcMsw } from '@veza/mocks';
import { delay } from 'msw';
import { expect, userEvent, within } from 'storybook/test';
import { storyUsers } from '../../test/story-users.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { trpc } from '../../trpc.ts';
import './share.css';
import { EmbedDialog } from './embed-dialog.tsx';
import { PrivateLinksDialog } from './private-links-dialog.tsx';
import { ShareMenu } from './share-menu.tsx';
import { ShareToChatDialog } from './share-to-chat-dialog.tsx';

const byTitle = (title: string) => fixtures.tracks.find((t) => t.title === title)!;
/** Ana's, public. */
const NIGHT = byTitle('Night Drive');
/** Ana's, private. */
const DEMO = byTitle('Demo — unfinished');

type View = 'menu' | 'chat' | 'embed' | 'links';
/** The track as its page has it (`tracks.byId`), with the menu or one of its dialogs open. */
function ShareOnTrack({ trackId, view }: { trackId: string; view: View }) {
  const track = trpc.tracks.byId.useQuery({ id: trackId });
  if (!track.data) return null;
  const close = () => undefined;
  if (view === 'chat') return <ShareToChatDialog track={track.data} open onClose={close} />;
  if (view === 'embed') return <EmbedDialog track={track.data} open onClose={close} />;
  if (view === 'links') return <PrivateLinksDialog track={track.data} open onClose={close} />;
  return <div style={{ display: 'flex', justifyContent: 'flex-end', minHeight: 220 }}><ShareMenu track={track.data} /></div>;
}

const on = (session: ScreenParameters['session'], language: ScreenParameters['language'] = 'en'): ScreenParameters => ({ path: '/tracks/:id', url: `/tracks/${NIGHT.id}`, session, language });
const failing = (message = 'Something went wrong on our side. Please try again.') => () => {
  throw new MockTrpcError('INTERNAL_SERVER_ERROR', message);
};
const forever = async (): Promise<never> => {
  await delay('infinite');
  throw new Error('never');
};

const meta = {
  title: 'Features/Share/Share menu',
  component: ShareOnTrack,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => resetMocksFor(parameters.screen as ScreenParameters),
  args: { trackId: NIGHT.id, view: 'menu' },
  parameters: { screen: on(storyUsers.ana), msw: mocks() },
} satisfies Meta<typeof ShareOnTrack>;
export default meta;
type Story = StoryObj<typeof meta>;

const openMenu = async (canvasElement: HTMLElement, title: string) => {
  await userEvent.click(await within(canvasElement).findByRole('button', { name: `Share “${title}”` }));
  return within(canvasElement).getByRole('menu');
};
const dialog = () => within(document.body).findByRole('dialog');

/** The owner of a public track: Copy link, Share to chat…, Embed…, Private links…. */
export const OwnerMenu: Story = {
  play: async ({ canvasElement }) => {
    const menu = await openMenu(canvasElement, NIGHT.title);
    await expect(within(menu).getAllByRole('menuitem').map((i) => i.textContent)).toEqual(['Copy link', 'Share to chat…', 'Embed…', 'Private links…']);
  },
};

/** Someone else's track: no private links. */
export const ListenerMenu: Story = {
  parameters: { screen: on(storyUsers.marc) },
  play: async ({ canvasElement }) => {
    const menu = await openMenu(canvasElement, NIGHT.title);
    await expect(within(menu).getAllByRole('menuitem')).toHaveLength(3);
  },
};

/** Signed out: copy and embed only. */
export const SignedOutMenu: Story = {
  parameters: { screen: on(null) },
  play: async ({ canvasElement }) => {
    const menu = await openMenu(canvasElement, NIGHT.title);
    await expect(within(menu).getAllByRole('menuitem').map((i) => i.textContent)).toEqual(['Copy link', 'Embed…']);
  },
};

/** A private track: it cannot be embedded nor sent as a card; its owner shares it by private link. */
export const PrivateTrackMenu: Story = {
  args: { trackId: DEMO.id },
  play: async ({ canvasElement }) => {
    const menu = await openMenu(canvasElement, DEMO.title);
    await expect(within(menu).getAllByRole('menuitem').map((i) => i.textContent)).toEqual(['Copy link', 'Private links…']);
  },
};

/** French. */
export const FrenchMenu: Story = {
  parameters: { screen: on(storyUsers.ana, 'fr') },
  play: async ({ canvasElement }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: `Partager « ${NIGHT.title} »` }));
    await expect(within(canvasElement).getByRole('menuitem', { name: 'Partager dans une discussion…' })).toBeVisible();
  },
};

/** Share to chat: my conversations to pick from, a note, Send. */
export const ShareToChat: Story = {
  args: { view: 'chat' },
  play: async () => {
    const d = await dialog();
    await expect(await within(d).findByRole('radio', { name: '#general' })).toBeVisible();
  },
};
/** Share to chat, nothing picked: Send says to pick first. */
export const ShareToChatNothingPicked: Story = {
  args: { view: 'chat' },
  play: async () => {
    const d = await dialog();
    await within(d).findByRole('radio', { name: '#general' });
    await userEvent.click(within(d).getByRole('button', { name: 'Send' }));
    await expect(within(d).getByRole('alert')).toHaveTextContent('Pick a conversation first.');
  },
};
/** Share to chat, a search matching nothing. */
export const ShareToChatNoMatch: Story = {
  args: { view: 'chat' },
  play: async () => {
    const d = await dialog();
    await userEvent.type(await within(d).findByRole('searchbox'), 'zzz');
    await expect(within(d).getByText('No conversation matches “zzz”.')).toBeVisible();
  },
};
export const ShareToChatLoading: Story = { args: { view: 'chat' }, parameters: { msw: mocks(trpcMsw.chat.rooms.list.query(forever)) } };
export const ShareToChatEmpty: Story = {
  args: { view: 'chat' },
  parameters: { msw: mocks(trpcMsw.chat.rooms.list.query(() => [])) },
  play: async () => expect(await within(await dialog()).findByText(/You have no conversations yet/)).toBeVisible(),
};
export const ShareToChatError: Story = {
  args: { view: 'chat' },
  parameters: { msw: mocks(trpcMsw.chat.rooms.list.query(failing())) },
  play: async () => expect(await within(await dialog()).findByRole('alert')).toHaveTextContent('Your conversations could not be loaded.'),
};

/** Embed: the size, the live preview, the code. */
export const Embed: Story = {
  args: { view: 'embed' },
  play: async () => {
    const d = await dialog();
    await expect((within(d).getByRole('textbox', { name: 'Embed code' }) as HTMLTextAreaElement).value).toContain('width="560" height="180"');
  },
};
export const EmbedCompact: Story = {
  args: { view: 'embed' },
  play: async () => {
    const d = await dialog();
    await userEvent.click(within(d).getByRole('radio', { name: /Compact/ }));
    await expect((within(d).getByRole('textbox', { name: 'Embed code' }) as HTMLTextAreaElement).value).toContain('width="480" height="120"');
  },
};
/** Embed on a private track (the menu does not offer it; the dialog says why if opened). */
export const EmbedPrivateTrack: Story = { args: { view: 'embed', trackId: DEMO.id } };
export const EmbedFrench: Story = { args: { view: 'embed' }, parameters: { screen: on(storyUsers.ana, 'fr') } };

/** Private links: one active (labelled, used), one expired, one revoked. */
export const PrivateLinks: Story = {
  args: { view: 'links', trackId: DEMO.id },
  beforeEach: () => sharesMock.seed(DEMO.id),
  play: async () => {
    const d = await dialog();
    await expect(await within(d).findByText('For the label')).toBeVisible();
    await expect(within(d).getByText('Revoked')).toBeVisible();
  },
};
export const PrivateLinksEmpty: Story = {
  args: { view: 'links', trackId: DEMO.id },
  play: async () => expect(await within(await dialog()).findByText('No private links yet.')).toBeVisible(),
};
/** A link just made: shown once, with Copy. */
export const PrivateLinkMade: Story = {
  args: { view: 'links', trackId: DEMO.id },
  play: async () => {
    const d = await dialog();
    await userEvent.type(within(d).getByRole('textbox', { name: 'Label (optional)' }), 'For Marc');
    await userEvent.click(within(d).getByRole('button', { name: 'Create link' }));
    await expect(((await within(d).findByRole('textbox', { name: 'Your new link' })) as HTMLInputElement).value).toMatch(/\/share\/[A-Za-z0-9_-]{43}$/);
  },
};
/** The confirmation before revoking. */
export const PrivateLinkRevokeConfirm: Story = {
  args: { view: 'links', trackId: DEMO.id },
  beforeEach: () => sharesMock.seed(DEMO.id),
  play: async () => {
    const d = await dialog();
    await userEvent.click(await within(d).findByRole('button', { name: 'Revoke For the label' }));
    await expect(await within(document.body).findByRole('dialog', { name: 'Revoke this link?' })).toBeVisible();
  },
};
export const PrivateLinksAtLimit: Story = {
  args: { view: 'links', trackId: DEMO.id },
  beforeEach: () => sharesMock.fill(DEMO.id, MOCK_SHARE_LINKS_MAX),
  play: async () => expect(await within(await dialog()).findByText(/as many working links as it can/)).toBeVisible(),
};
export const PrivateLinksLoading: Story = { args: { view: 'links', trackId: DEMO.id }, parameters: { msw: mocks(trpcMsw.shares.list.query(forever)) } };
export const PrivateLinksError: Story = {
  args: { view: 'links', trackId: DEMO.id },
  parameters: { msw: mocks(trpcMsw.shares.list.query(failing())) },
  play: async () => expect(await within(await dialog()).findByRole('alert')).toHaveTextContent('Your links could not be loaded.'),
};
export const PrivateLinksFrench: Story = {
  args: { view: 'links', trackId: DEMO.id },
  beforeEach: () => sharesMock.seed(DEMO.id),
  parameters: { screen: on(storyUsers.ana, 'fr') },
};
/** On a phone (390 px): the rows stack, Revoke under each link. */
export const PrivateLinksOnPhone: Story = {
  args: { view: 'links', trackId: DEMO.id },
  beforeEach: () => sharesMock.seed(DEMO.id),
  globals: { viewport: { value: 'mobile2', isRotated: false } },
};
export const ShareToChatOnPhone: Story = { args: { view: 'chat' }, globals: { viewport: { value: 'mobile2', isRotated: false } } };
export const EmbedOnPhone: Story = { args: { view: 'embed' }, globals: { viewport: { value: 'mobile2', isRotated: false } } };
