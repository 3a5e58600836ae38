import type { Meta, StoryObj } from '@storybook/react-vite';
import { fixtures, MockTrpcError, states, trpcMsw } from '@veza/mocks';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { storyUsers } from '../../test/story-users.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { trpc } from '../../trpc.ts';
import { LikeControl } from '../tracks/like-control.tsx';
import { RepostControl } from './repost-control.tsx';

const byTitle = (title: string) => fixtures.tracks.find((t) => t.title === title)!;
/** Marc's, never reposted. */
const RUE = byTitle('Rue des Martyrs');
/** Marc's, reposted by Ana (seeded) with a caption. */
const METRO = byTitle('Le dernier métro');

/** A track's Like and Repost, as on its page: from `tracks.byId`, so the optimistic update shows. */
function RepostOnTrack({ trackId, size = 'md' }: { trackId: string; size?: 'sm' | 'md' }) {
  const track = trpc.tracks.byId.useQuery({ id: trackId });
  if (!track.data) return null;
  return (
    <div className="vw-track__actions">
      <LikeControl track={track.data} size={size} />
      <RepostControl track={track.data} size={size} />
    </div>
  );
}

const on = (session: ScreenParameters['session'], language: ScreenParameters['language'] = 'en'): ScreenParameters => ({ path: '/tracks/:id', url: `/tracks/${RUE.id}`, session, language });

/** What the API answers for a track shared by link only. */
const notPublic = () =>
  trpcMsw.social.repost.mutation(() => {
    throw Object.assign(new MockTrpcError('BAD_REQUEST', 'Only public tracks can be reposted: this one is shared by link only.'), { reason: 'not_public' });
  });

const meta = {
  title: 'Features/Social/Repost control',
  component: RepostOnTrack,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => resetMocksFor(parameters.screen as ScreenParameters),
  args: { trackId: RUE.id },
  parameters: { screen: on(storyUsers.ana), msw: mocks() },
} satisfies Meta<typeof RepostOnTrack>;
export default meta;
type Story = StoryObj<typeof meta>;

const repostButton = async (canvasElement: HTMLElement, name: RegExp | string = /^Repost \d/) => within(canvasElement).findByRole('button', { name });

/** Not reposted: a toggle (not pressed) with the count; a click reposts at once (optimistic) and the count goes up. */
export const NotReposted: Story = {
  play: async ({ canvasElement }) => {
    const button = await repostButton(canvasElement);
    await expect(button).toHaveAttribute('aria-pressed', 'false');
    await expect(button).toHaveAccessibleName('Repost 0');
    await userEvent.click(button);
    await expect(button).toHaveAttribute('aria-pressed', 'true');
    await expect(button).toHaveAccessibleName('Repost 1');
    // The server's answer too (it keeps the state): a story left with the request in flight would see it land in the
    // next story's fresh mock back end.
    await waitFor(() => expect(button).not.toHaveAttribute('aria-busy'));
    await expect(button).toHaveAttribute('aria-pressed', 'true');
  },
};

/** Reposted already (Ana reposted « Le dernier métro »): pressed; its tooltip says a click removes it. */
export const Reposted: Story = {
  args: { trackId: METRO.id },
  play: async ({ canvasElement }) => {
    const button = await repostButton(canvasElement);
    await expect(button).toHaveAttribute('aria-pressed', 'true');
    await expect(button).toHaveAttribute('title', 'Remove your repost');
    await expect(within(canvasElement).getByRole('button', { name: "Change your repost's caption" })).toBeVisible();
  },
};

/** Clicked, the server has not answered: pressed already, busy. */
export const Pending: Story = {
  parameters: { msw: mocks(states.loading('social.repost')) },
  play: async ({ canvasElement }) => {
    const button = await repostButton(canvasElement);
    await userEvent.click(button);
    await expect(button).toHaveAttribute('aria-pressed', 'true');
    await expect(button).toHaveAttribute('aria-busy', 'true');
  },
};

/** Refused: back to not reposted, and a toast with the API's words. */
export const Refused: Story = {
  parameters: { msw: mocks(notPublic()) },
  play: async ({ canvasElement }) => {
    const button = await repostButton(canvasElement);
    await userEvent.click(button);
    await within(canvasElement.ownerDocument.body).findByText('Only public tracks can be reposted: this one is shared by link only.');
    await waitFor(() => expect(button).toHaveAttribute('aria-pressed', 'false'));
    await expect(button).toHaveAccessibleName('Repost 0');
  },
};

/** « Republier », the refusal translated. */
export const RefusedFrench: Story = {
  parameters: { screen: on(storyUsers.ana, 'fr'), msw: mocks(notPublic()) },
  play: async ({ canvasElement }) => {
    const button = await repostButton(canvasElement, /^Republier \d/);
    await userEvent.click(button);
    await within(canvasElement.ownerDocument.body).findByText("Seuls les morceaux publics peuvent être republiés : celui-ci n'est partagé que par lien.");
  },
};

/** "Repost with a caption": a dialog with a 280-character caption and its counter; reposting closes it with a toast. */
export const WithCaption: Story = {
  play: async ({ canvasElement }) => {
    const page = within(canvasElement.ownerDocument.body);
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'Repost with a caption' }));
    const dialog = await page.findByRole('dialog', { name: 'Repost “Rue des Martyrs”' });
    const caption = within(dialog).getByRole('textbox', { name: 'Caption (optional)' });
    await expect(caption).toHaveFocus();
    await userEvent.type(caption, 'Paris at dawn.');
    await expect(within(dialog).getByText('14 / 280')).toBeVisible();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Repost' }));
    await page.findByText('Reposted to your followers.');
    await expect(await repostButton(canvasElement)).toHaveAttribute('aria-pressed', 'true');
  },
};

/** The dialog as the limit nears: the counter turns and is read out ("10 characters left"). */
export const CaptionNearLimit: Story = {
  play: async ({ canvasElement }) => {
    const page = within(canvasElement.ownerDocument.body);
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'Repost with a caption' }));
    const dialog = await page.findByRole('dialog');
    const caption = within(dialog).getByRole('textbox');
    await userEvent.click(caption);
    await userEvent.paste('x'.repeat(300));
    await expect(caption).toHaveValue('x'.repeat(280));
    await expect(within(dialog).getByText('280 / 280')).toBeVisible();
    await expect(caption).toHaveAccessibleDescription('0 characters left');
  },
};

/** Refused in the dialog: the reason inside it, the caption kept. */
export const CaptionRefused: Story = {
  parameters: { msw: mocks(notPublic()) },
  play: async ({ canvasElement }) => {
    const page = within(canvasElement.ownerDocument.body);
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'Repost with a caption' }));
    const dialog = await page.findByRole('dialog');
    await userEvent.type(within(dialog).getByRole('textbox'), 'Hi');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Repost' }));
    await expect(await within(dialog).findByRole('alert')).toHaveTextContent('Only public tracks can be reposted');
    await expect(within(dialog).getByRole('textbox')).toHaveValue('Hi');
  },
};

/** « Republier avec un message ». */
export const CaptionFrench: Story = {
  parameters: { screen: on(storyUsers.ana, 'fr') },
  play: async ({ canvasElement }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'Republier avec un message' }));
    const dialog = await within(canvasElement.ownerDocument.body).findByRole('dialog', { name: 'Republier « Rue des Martyrs »' });
    await expect(within(dialog).getByRole('textbox', { name: 'Message (facultatif)' })).toHaveAccessibleDescription('280 caractères restants');
  },
};

/** My own track: no Repost (the like stays). */
export const OwnTrack: Story = {
  parameters: { screen: on(storyUsers.marc) },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByRole('button', { name: /^Like/ });
    await expect(within(canvasElement).queryByRole('button', { name: /^Repost/ })).toBeNull();
  },
};

/** Signed out: the buttons show, a click asks to sign in first. */
export const SignedOut: Story = { parameters: { screen: on(null) } };

/** Small, as on a track row, on a phone. */
export const SmallOnPhone: Story = { args: { size: 'sm' }, globals: { viewport: { value: 'mobile2', isRotated: false } } };
