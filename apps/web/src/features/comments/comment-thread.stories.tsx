import type { Meta, StoryObj } from '@storybook/react-vite';
import { commentsMock, fixtures, MOCK_COMMENTS, MockTrpcError, states, trpcMsw } from '@veza/mocks';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { usePlayer } from '../../stores/player.ts';
import { storyUsers } from '../../test/story-users.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { toPlayerTrack } from '../tracks/track-model.ts';
import { CommentThread } from './comment-thread.tsx';

const NIGHT_DRIVE = fixtures.tracks[0]!; // ana's; 6 comments and replies, one pinned
const on = (session: ScreenParameters['session'] = null, language: ScreenParameters['language'] = 'en'): ScreenParameters => ({ path: '/tracks/:id', url: `/tracks/${NIGHT_DRIVE.id}`, session, language });
const commentIn = (canvasElement: HTMLElement, text: string) =>
  waitFor(() => {
    const body = [...canvasElement.querySelectorAll('.vw-comment__body')].find((b) => b.textContent === text);
    if (!body) throw new Error(`no comment "${text}"`);
    return within(body.closest('.vw-comment') as HTMLElement);
  });

const meta = {
  title: 'Features/Comments/Thread',
  component: CommentThread,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => {
    resetMocksFor(parameters.screen as ScreenParameters);
    usePlayer.getState().stop();
    (parameters.setup as (() => void) | undefined)?.();
  },
  args: { track: { ...NIGHT_DRIVE, commentCount: 6 } },
  parameters: { screen: on(), msw: mocks() },
} satisfies Meta<typeof CommentThread>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Signed out: the thread newest first, the pinned comment on top (once), replies, @mentions as links; "Log in to comment". */
export const SignedOut: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('heading', { name: '6 comments' })).toBeVisible();
    await expect(canvas.getByRole('link', { name: 'Log in to comment' })).toHaveAttribute('href', `/login?next=${encodeURIComponent(`/tracks/${NIGHT_DRIVE.id}`)}`);
    const pinned = await commentIn(canvasElement, 'Love the tape hiss in the intro.');
    await expect(pinned.getByText('Pinned')).toBeVisible();
    await expect(canvas.getAllByText('Love the tape hiss in the intro.')).toHaveLength(1);
    await expect(canvas.getByRole('link', { name: '@marc.dubois' })).toHaveAttribute('href', '/u/marc.dubois');
  },
};

/** Signed in: "Comment at 0:00" (nothing playing), the counter, Reply on each comment, Edit / Delete on one's own. */
export const SignedIn: Story = {
  parameters: { screen: on(storyUsers.lea) },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('textbox', { name: 'Comment at 0:00' })).toBeVisible();
  },
};

/** This track is playing at 1:02: the composer comments there. */
export const AtThePlayerPosition: Story = {
  parameters: { screen: on(storyUsers.lea), setup: () => usePlayer.setState({ track: toPlayerTrack(NIGHT_DRIVE), currentTime: 62.3, duration: 201, isPlaying: false }) },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('textbox', { name: 'Comment at 1:02' })).toBeVisible();
  },
};

/** "Change the moment": an m:ss field, refusing a moment past the end. */
export const ChangingTheMoment: Story = {
  parameters: { screen: on(storyUsers.lea) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Change the moment' }));
    const field = canvas.getByRole('textbox', { name: 'Moment (minutes:seconds)' });
    await userEvent.clear(field);
    await userEvent.type(field, '4:00{Enter}');
    await expect(canvas.getByRole('alert')).toHaveTextContent('The track ends at 3:21.');
  },
};

/** Over 1,000 characters: the counter says by how much, and Comment refuses to send. */
export const TooLong: Story = {
  parameters: { screen: on(storyUsers.lea) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('textbox', { name: 'Comment at 0:00' }));
    await userEvent.paste('x'.repeat(1012));
    await expect(canvas.getByText(/12 characters too many/)).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Comment' }));
    await expect(canvas.getByRole('alert')).toHaveTextContent('Comments must be at most 1,000 characters.');
  },
};

/** The API refuses (the owner turned comments off meanwhile): its reason under the field, the text kept. */
export const RefusedByTheApi: Story = {
  parameters: {
    screen: on(storyUsers.lea),
    msw: mocks(trpcMsw.comments.create.mutation(() => {
      throw Object.assign(new MockTrpcError('FORBIDDEN', 'Comments are turned off for this track.'), { reason: 'comments_off' });
    })),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(await canvas.findByRole('textbox', { name: 'Comment at 0:00' }), 'Too late?');
    await userEvent.click(canvas.getByRole('button', { name: 'Comment' }));
    await expect(await canvas.findByRole('alert')).toHaveTextContent('Comments are turned off for this track.');
  },
};

export const Loading: Story = { parameters: { msw: mocks(states.loading('comments.list')) } };
export const ErrorState: Story = {
  parameters: { msw: mocks(states.error('comments.list')) },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Comments could not be loaded')).toBeVisible();
  },
};
/** No comments yet: the composer, and an invitation. */
export const Empty: Story = {
  args: { track: { ...NIGHT_DRIVE, commentCount: 0 } },
  parameters: { screen: on(storyUsers.lea), setup: () => commentsMock.clear(NIGHT_DRIVE.id) },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('No comments yet')).toBeVisible();
  },
};

/** 31 comments: the first 20, then "Show more comments". */
export const Paging: Story = {
  parameters: { setup: () => commentsMock.many(NIGHT_DRIVE.id, 25) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Show more comments' }));
    await waitFor(() => expect(canvas.queryByRole('button', { name: 'Show more comments' })).toBeNull());
    await expect(canvas.getAllByRole('button', { name: /play from here/ })).toHaveLength(29);
  },
};

/** Comments off, as a listener sees it: the thread stays readable. */
export const CommentsOff: Story = {
  parameters: { screen: on(storyUsers.lea), setup: () => commentsMock.setEnabled(NIGHT_DRIVE.id, false) },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Comments are turned off for this track.')).toBeVisible();
  },
};

/** Comments off, as the owner sees it: "Turn comments on". */
export const CommentsOffOwner: Story = {
  args: { track: { ...NIGHT_DRIVE, commentsEnabled: false } },
  parameters: { screen: on(storyUsers.ana), setup: () => commentsMock.setEnabled(NIGHT_DRIVE.id, false) },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('button', { name: 'Turn comments on' })).toBeVisible();
  },
};

/** Blocked by the track's owner (or blocking them): no composer, and why. */
export const Blocked: Story = {
  parameters: {
    screen: on(storyUsers.lea),
    msw: mocks(trpcMsw.comments.list.query(() => ({ items: [], nextCursor: null, total: 0, commentsEnabled: true, pinned: null, canComment: false }))),
  },
};

/** Replying to a reply: its author's @name first; the reply joins the thread. */
export const Replying: Story = {
  parameters: { screen: on(storyUsers.lea) },
  play: async ({ canvasElement }) => {
    const reply = await commentIn(canvasElement, 'Thanks! Recorded it in one take.');
    await userEvent.click(reply.getByRole('button', { name: 'Reply to Ana Lima' }));
    await expect(within(canvasElement).getByRole('textbox', { name: 'Reply to Ana Lima' })).toHaveValue('@ana ');
  },
};

/** Five replies: the newest three, then "View 2 more replies" loads the others. */
export const MoreReplies: Story = {
  parameters: { setup: () => commentsMock.manyReplies(MOCK_COMMENTS.pinned, 5) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'View 2 more replies' }));
    await expect(await canvas.findByText('Reply number 1')).toBeVisible();
  },
};

/** The author edits inline. */
export const Editing: Story = {
  parameters: { screen: on(storyUsers.lea) },
  play: async ({ canvasElement }) => {
    const mine = await commentIn(canvasElement, 'That drop! @marc.dubois you have to hear this one.');
    await userEvent.click(mine.getByRole('button', { name: "Actions for lea_m's comment" }));
    await userEvent.click(within(canvasElement).getByRole('menuitem', { name: 'Edit' }));
    await expect(mine.getByRole('textbox', { name: 'Edit your comment' })).toHaveFocus();
  },
};

/** The track's owner deletes someone's comment: a confirmation, which says the replies go too. */
export const ConfirmingDelete: Story = {
  parameters: { screen: on(storyUsers.ana) },
  play: async ({ canvasElement }) => {
    const theirs = await commentIn(canvasElement, 'That drop! @marc.dubois you have to hear this one.');
    await userEvent.click(theirs.getByRole('button', { name: "Actions for lea_m's comment" }));
    await userEvent.click(within(canvasElement).getByRole('menuitem', { name: 'Delete' }));
    const dialog = within(document.body).getByRole('dialog', { name: 'Delete this comment?' });
    await expect(dialog).toHaveTextContent('with its 2 replies');
  },
};

/** The track's owner's menu on a comment: Pin to the top (or Unpin on the pinned one) and Delete. */
export const OwnerMenu: Story = {
  parameters: { screen: on(storyUsers.ana) },
  play: async ({ canvasElement }) => {
    const theirs = await commentIn(canvasElement, 'Perfect for a night drive indeed.');
    await userEvent.click(theirs.getByRole('button', { name: "Actions for Marc Dubois's comment" }));
    await expect(within(canvasElement).getByRole('menuitem', { name: 'Pin to the top' })).toBeVisible();
  },
};

/** The owner pins Ana's comment: it goes to the top with the badge; the one pinned before loses it. */
export const Pinned: Story = {
  parameters: { screen: on(storyUsers.ana) },
  play: async ({ canvasElement }) => {
    const mine = await commentIn(canvasElement, 'The rain in this part was recorded on my balcony.');
    await userEvent.click(mine.getByRole('button', { name: "Actions for Ana Lima's comment" }));
    await userEvent.click(within(canvasElement).getByRole('menuitem', { name: 'Pin to the top' }));
    await waitFor(() => expect(canvasElement.querySelector('.vw-comment__body')).toHaveTextContent('The rain in this part was recorded on my balcony.'));
  },
};

/** The like is refused: the heart comes back and a toast says why. */
export const LikeFails: Story = {
  parameters: { screen: on(storyUsers.lea), msw: mocks(states.error('comments.like')) },
  play: async ({ canvasElement }) => {
    const theirs = await commentIn(canvasElement, 'Perfect for a night drive indeed.');
    await userEvent.click(theirs.getByRole('button', { name: /^Like Marc Dubois's comment/ }));
    await expect(await within(document.body).findByText("Your like couldn't be saved.")).toBeVisible();
  },
};

export const French: Story = {
  parameters: { screen: on(storyUsers.lea, 'fr') },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('textbox', { name: 'Commenter à 0:00' })).toBeVisible();
  },
};

/** On a phone (390 px): replies indented a little, the composer's buttons wrap under the counter. */
export const OnPhone: Story = {
  parameters: { screen: on(storyUsers.lea) },
  globals: { viewport: { value: 'mobile2', isRotated: false } },
  play: async ({ canvasElement }) => {
    await commentIn(canvasElement, 'Love the tape hiss in the intro.');
    await expect(canvasElement.scrollWidth).toBeLessThanOrEqual(canvasElement.clientWidth + 1);
  },
};
