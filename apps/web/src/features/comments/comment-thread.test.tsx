import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { commentsMock, db, fixtures, MOCK_COMMENTS, resetMockDb, states, trpcMsw } from '@veza/mocks';
import { server } from '@veza/mocks/node';
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../i18n.ts';
import { TrackPage } from '../../pages/track/track.page.tsx';
import { usePlayer } from '../../stores/player.ts';
import type { SessionUser } from '../../stores/session.ts';
import { textOf } from '../../test/dom.ts';
import { ana, lea, renderScreen } from '../../test/render.tsx';
import { toPlayerTrack } from '../tracks/track-model.ts';

const NIGHT_DRIVE = fixtures.tracks[0]!; // ana's, 3:21, 6 comments and replies (comments-seed.ts)
const RUE_DES_MARTYRS = fixtures.tracks[1]!;

function renderThread(session: SessionUser | null, before?: () => void) {
  resetMockDb({ signedInAs: session?.username ?? null });
  before?.();
  return renderScreen(<TrackPage />, { path: '/tracks/:id', url: `/tracks/${NIGHT_DRIVE.id}`, session });
}
const thread = () => screen.findByRole('region', { name: /comments?$/i });
/** The top-level comments and replies shown, as their text. */
const bodies = (within_: HTMLElement) => [...within_.querySelectorAll('.vw-comment__body')].map(textOf);
/** The comment or reply whose text is `text` (mentions are links inside it). */
const commentOf = (text: string) => {
  const body = [...document.querySelectorAll('.vw-comment__body')].find((b) => textOf(b) === text);
  if (!body) throw new Error(`no comment "${text}"`);
  return body.closest('.vw-comment') as HTMLElement;
};
const findComment = (text: string) => waitFor(() => commentOf(text));

afterEach(() => setLanguage('en'));

describe('Comment thread', () => {
  it('lists the comments newest first, the pinned one on top once, with replies, mentions, moments and dates', async () => {
    renderThread(null);
    const region = await thread();
    await findComment('Love the tape hiss in the intro.');
    expect(textOf(within(region).getByRole('heading', { level: 2 }))).toBe('6 comments');
    expect(bodies(region)).toEqual([
      'Love the tape hiss in the intro.',
      'Perfect for a night drive indeed.',
      'The rain in this part was recorded on my balcony.',
      'That drop! @marc.dubois you have to hear this one.',
      'Thanks! Recorded it in one take.',
      '@lea_m agreed, the bass is huge.',
    ]);
    const pinned = commentOf('Love the tape hiss in the intro.');
    expect(within(pinned).getByText('Pinned')).toBeTruthy();
    expect(within(pinned).getByRole('link', { name: 'Marc Dubois' }).getAttribute('href')).toBe('/u/marc.dubois');
    expect(within(pinned).getByRole('button', { name: 'at 0:12, play from here' })).toBeTruthy();
    const date = pinned.querySelector('time')!;
    expect(textOf(date)).toBe('3 days ago');
    expect(date.getAttribute('title')).toMatch(/\d{4}/);

    // Mentions link to the people who exist.
    const withMention = commentOf('That drop! @marc.dubois you have to hear this one.');
    expect(within(withMention).getByRole('link', { name: '@marc.dubois' }).getAttribute('href')).toBe('/u/marc.dubois');
    const replies = within(region).getByRole('list', { name: 'Replies to lea_m' });
    expect(within(replies).getAllByRole('listitem')).toHaveLength(2);
    // A reply has no moment of its own (its thread's).
    expect(within(replies).queryByRole('button', { name: /play from here/ })).toBeNull();
    // Signed out: no composer, no Reply, a way to log in that comes back here.
    expect(within(region).queryByRole('textbox')).toBeNull();
    expect(within(region).queryByRole('button', { name: /^Reply/ })).toBeNull();
    expect(within(region).getByRole('link', { name: 'Log in to comment' }).getAttribute('href')).toBe(`/login?next=${encodeURIComponent(`/tracks/${NIGHT_DRIVE.id}`)}`);
  });

  it('shows loading, error (with retry) and empty states', async () => {
    server.use(states.error('comments.list'));
    const first = renderThread(lea);
    const region = await thread();
    expect(await within(region).findByText('Comments could not be loaded')).toBeTruthy();
    server.resetHandlers();
    await userEvent.click(within(region).getByRole('button', { name: 'Try again' }));
    expect(await within(region).findByText('Love the tape hiss in the intro.')).toBeTruthy();
    first.unmount();

    server.use(states.loading('comments.list'));
    const second = renderThread(lea);
    expect(await within(await thread()).findByText('Loading comments…')).toBeTruthy();
    second.unmount();
    server.resetHandlers();

    renderThread(lea, () => commentsMock.clear(NIGHT_DRIVE.id));
    const empty = await screen.findByRole('region', { name: '0 comments' });
    expect(await within(empty).findByText('No comments yet')).toBeTruthy();
    expect(within(empty).getByRole('textbox', { name: 'Comment at 0:00' })).toBeTruthy();
  });

  it('comments at 0:00 when another track plays, at the player position when this one does, and lists it first', async () => {
    usePlayer.setState({ track: toPlayerTrack(RUE_DES_MARTYRS), currentTime: 40, isPlaying: true });
    const view = renderThread(lea);
    const region = await thread();
    expect(await within(region).findByRole('textbox', { name: 'Comment at 0:00' })).toBeTruthy();
    view.unmount();

    usePlayer.setState({ track: toPlayerTrack(NIGHT_DRIVE), currentTime: 62.4, isPlaying: true });
    renderThread(lea);
    const box = await within(await thread()).findByRole('textbox', { name: 'Comment at 1:02' });
    await userEvent.type(box, 'What a @ana moment');
    // Fixed at the first character: the player moving on does not move it.
    usePlayer.setState({ currentTime: 70 });
    await userEvent.click(screen.getByRole('button', { name: 'Comment' }));

    await waitFor(() => expect(bodies(screen.getByRole('region', { name: '7 comments' }))[1]).toBe('What a @ana moment'));
    expect(commentsMock.of(NIGHT_DRIVE.id).find((c) => c.body === 'What a @ana moment')?.atMs).toBe(62_000);
    expect((box as HTMLTextAreaElement).value).toBe('');
    const mine = commentOf('What a @ana moment');
    expect(within(mine).getByRole('link', { name: '@ana' }).getAttribute('href')).toBe('/u/ana');
    expect(within(mine).getByRole('button', { name: 'at 1:02, play from here' })).toBeTruthy();
    // Back to following the player.
    expect(within(screen.getByRole('region', { name: '7 comments' })).getByRole('textbox', { name: 'Comment at 1:10' })).toBeTruthy();
  });

  it('changes the moment by hand, refusing what is not a moment or is past the end', async () => {
    renderThread(lea);
    const region = await thread();
    await within(region).findByRole('textbox', { name: 'Comment at 0:00' });
    await userEvent.click(within(region).getByRole('button', { name: 'Change the moment' }));
    const moment = within(region).getByRole('textbox', { name: 'Moment (minutes:seconds)' });
    expect(document.activeElement).toBe(moment);
    await userEvent.clear(moment);
    await userEvent.type(moment, 'soon{Enter}');
    expect(textOf(within(region).getByRole('alert'))).toBe('Enter a moment as minutes:seconds, like 1:02.');
    await userEvent.clear(moment);
    await userEvent.type(moment, '4:00{Enter}');
    expect(textOf(within(region).getByRole('alert'))).toBe('The track ends at 3:21.');
    await userEvent.clear(moment);
    await userEvent.type(moment, '1:30{Enter}');
    const box = within(region).getByRole('textbox', { name: 'Comment at 1:30' });
    expect(document.activeElement).toBe(within(region).getByRole('button', { name: 'Change the moment' }));
    await userEvent.type(box, 'Here');
    await userEvent.click(within(region).getByRole('button', { name: 'Comment' }));
    await waitFor(() => expect(commentsMock.of(NIGHT_DRIVE.id).find((c) => c.body === 'Here')?.atMs).toBe(90_000));
  });

  it('counts the characters and sends nothing over 1,000; the API refusal shows in the reader language, the text kept', async () => {
    renderThread(lea);
    const region = await thread();
    const box = await within(region).findByRole('textbox', { name: 'Comment at 0:00' });
    expect(within(region).getByText('0 / 1,000')).toBeTruthy();
    fireEvent.change(box, { target: { value: 'x'.repeat(1001) } });
    expect(within(region).getByText(/1,001 \/ 1,000/).textContent).toContain('1 character too many');
    expect(box.getAttribute('aria-invalid')).toBe('true');
    await userEvent.click(within(region).getByRole('button', { name: 'Comment' }));
    expect(textOf(within(region).getByRole('alert'))).toBe('Comments must be at most 1,000 characters.');
    expect(commentsMock.of(NIGHT_DRIVE.id)).toHaveLength(6);

    // Turned off meanwhile: the API says so, the text stays.
    commentsMock.setEnabled(NIGHT_DRIVE.id, false);
    setLanguage('fr');
    fireEvent.change(box, { target: { value: 'Trop tard' } });
    await userEvent.click(within(region).getByRole('button', { name: 'Commenter' }));
    expect(textOf(await within(region).findByRole('alert'))).toBe('Les commentaires sont désactivés pour ce morceau.');
    expect((box as HTMLTextAreaElement).value).toBe('Trop tard');
  });

  it('says why the viewer cannot comment: comments off, or a block', async () => {
    const off = renderThread(lea, () => commentsMock.setEnabled(NIGHT_DRIVE.id, false));
    const region = await thread();
    expect(await within(region).findByText('Comments are turned off for this track.')).toBeTruthy();
    expect(within(region).queryByRole('textbox')).toBeNull();
    expect(within(region).queryByRole('button', { name: 'Turn comments on' })).toBeNull();
    off.unmount();

    server.use(trpcMsw.comments.list.query(() => ({ items: [], nextCursor: null, total: 0, commentsEnabled: true, pinned: null, canComment: false })));
    renderThread(lea);
    expect(await within(await thread()).findByText("You can't comment on this track.")).toBeTruthy();
  });

  it('likes at once, then takes the count the API gives; puts it back with a toast when refused', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    server.use(trpcMsw.comments.like.mutation(async ({ input }) => {
      await gate;
      return { id: input.id, liked: true, likeCount: 9 };
    }));
    renderThread(lea);
    await thread();
    const like = within(await findComment('The rain in this part was recorded on my balcony.')).getByRole('button', { name: /^Like Ana Lima's comment/ });
    expect(like.getAttribute('aria-pressed')).toBe('false');
    expect(textOf(like)).toContain('2');
    await userEvent.click(like);
    expect(like.getAttribute('aria-pressed')).toBe('true');
    expect(textOf(like)).toContain('3');
    release();
    await waitFor(() => expect(textOf(like)).toContain('9'));

    server.use(states.error('comments.unlike'));
    await userEvent.click(like);
    expect(await screen.findByText("Your like couldn't be saved.")).toBeTruthy();
    expect(like.getAttribute('aria-pressed')).toBe('true');
    expect(textOf(like)).toContain('9');
  });

  it('sends signed-out people who like a comment to log in', async () => {
    renderThread(null);
    await userEvent.click(within(await findComment('The rain in this part was recorded on my balcony.')).getByRole('button', { name: /^Like Ana Lima's comment/ }));
    expect(textOf(await screen.findByTestId('location'))).toBe(`/login?next=${encodeURIComponent(`/tracks/${NIGHT_DRIVE.id}`)}`);
  });

  it('replies inline; a reply to a reply names its author and joins the thread', async () => {
    renderThread(lea);
    await thread();
    const byMarc = await findComment('Perfect for a night drive indeed.');
    await userEvent.click(within(byMarc).getByRole('button', { name: 'Reply to Marc Dubois' }));
    const box = screen.getByRole('textbox', { name: 'Reply to Marc Dubois' });
    expect(document.activeElement).toBe(box);
    await userEvent.type(box, 'Same here');
    await userEvent.click(screen.getByRole('button', { name: 'Reply' }));
    const replies = await screen.findByRole('list', { name: 'Replies to Marc Dubois' });
    expect(bodies(replies)).toEqual(['Same here']);
    expect(screen.queryByRole('textbox', { name: 'Reply to Marc Dubois' })).toBeNull();
    expect(await screen.findByRole('heading', { level: 2, name: '7 comments' })).toBeTruthy();

    // Replying to Ana's reply in Léa's thread: « @ana » first; it joins that thread.
    const anaReply = commentOf('Thanks! Recorded it in one take.');
    await userEvent.click(within(anaReply).getByRole('button', { name: 'Reply to Ana Lima' }));
    const second = screen.getByRole('textbox', { name: 'Reply to Ana Lima' });
    expect((second as HTMLTextAreaElement).value).toBe('@ana ');
    await userEvent.type(second, 'thanks!{Control>}{Enter}{/Control}');
    await waitFor(() => expect(bodies(screen.getByRole('list', { name: 'Replies to lea_m' })).at(-1)).toBe('@ana thanks!'));
    expect(commentsMock.of(NIGHT_DRIVE.id).find((c) => c.body === '@ana thanks!')?.parentId).toBe(MOCK_COMMENTS.withReplies);
  });

  it('shows the newest replies and loads the others on "View N more replies"', async () => {
    renderThread(lea, () => commentsMock.manyReplies(MOCK_COMMENTS.pinned, 5));
    await thread();
    const list = await screen.findByRole('list', { name: 'Replies to Marc Dubois' });
    expect(bodies(list)).toEqual(['Reply number 3', 'Reply number 4', 'Reply number 5']);
    await userEvent.click(screen.getByRole('button', { name: 'View 2 more replies' }));
    await waitFor(() => expect(bodies(screen.getByRole('list', { name: 'Replies to Marc Dubois' }))).toEqual(['Reply number 1', 'Reply number 2', 'Reply number 3', 'Reply number 4', 'Reply number 5']));
    expect(screen.queryByRole('button', { name: /more repl/ })).toBeNull();
  });

  it('lets the author edit inline (Escape cancels), marked "(edited)"', async () => {
    renderThread(lea);
    await thread();
    const mine = await findComment('That drop! @marc.dubois you have to hear this one.');
    await userEvent.click(within(mine).getByRole('button', { name: "Actions for lea_m's comment" }));
    expect(screen.getAllByRole('menuitem').map(textOf)).toEqual(['Edit', 'Delete']);
    await userEvent.click(screen.getByRole('menuitem', { name: 'Edit' }));
    const editor = within(mine).getByRole('textbox', { name: 'Edit your comment' });
    await userEvent.type(editor, '{Escape}');
    expect(within(mine).queryByRole('textbox')).toBeNull();

    await userEvent.click(within(mine).getByRole('button', { name: "Actions for lea_m's comment" }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'Edit' }));
    const again = within(mine).getByRole('textbox', { name: 'Edit your comment' });
    await userEvent.clear(again);
    await userEvent.type(again, 'That drop!!');
    await userEvent.click(within(mine).getByRole('button', { name: 'Save' }));
    expect(await within(mine).findByText('That drop!!')).toBeTruthy();
    expect((await within(mine).findByText('(edited)')).getAttribute('title')).toMatch(/^Edited on /);
  });

  it('has no actions menu on comments the viewer may neither edit nor delete', async () => {
    renderThread(lea);
    await thread();
    const byMarc = await findComment('Perfect for a night drive indeed.');
    expect(within(byMarc).queryByRole('button', { name: /^Actions/ })).toBeNull();
  });

  it('deletes after a confirmation, replies with it, and the count follows', async () => {
    renderThread(ana);
    await thread();
    const withReplies = await findComment('That drop! @marc.dubois you have to hear this one.');
    await userEvent.click(within(withReplies).getByRole('button', { name: "Actions for lea_m's comment" }));
    // The track's owner: pin and delete others' comments, not edit them.
    expect(screen.getAllByRole('menuitem').map(textOf)).toEqual(['Pin to the top', 'Delete']);
    await userEvent.click(screen.getByRole('menuitem', { name: 'Delete' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete this comment?' });
    expect(textOf(dialog)).toContain('with its 2 replies');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete comment' }));
    expect(await screen.findByRole('heading', { level: 2, name: '3 comments' })).toBeTruthy();
    expect(screen.queryByText('Thanks! Recorded it in one take.')).toBeNull();
    expect(await screen.findByText('Comment deleted.')).toBeTruthy();
    expect(db.tracks[0]!.commentCount).toBe(3);
  });

  it('shows why a delete failed in the dialog', async () => {
    server.use(states.error('comments.delete', 'NOT_FOUND', 'Comment not found.'));
    renderThread(ana);
    await thread();
    const byMarc = await findComment('Perfect for a night drive indeed.');
    await userEvent.click(within(byMarc).getByRole('button', { name: "Actions for Marc Dubois's comment" }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'Delete' }));
    await userEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete comment' }));
    expect(textOf(await within(screen.getByRole('dialog')).findByRole('alert'))).toBe("The comment couldn't be deleted. This comment no longer exists: it may have been deleted.");
  });

  it('lets the owner pin another comment to the top, and unpin it', async () => {
    renderThread(ana);
    const region = await thread();
    const byAna = await findComment('The rain in this part was recorded on my balcony.');
    await userEvent.click(within(byAna).getByRole('button', { name: "Actions for Ana Lima's comment" }));
    expect(screen.getAllByRole('menuitem').map(textOf)).toEqual(['Edit', 'Pin to the top', 'Delete']);
    await userEvent.click(screen.getByRole('menuitem', { name: 'Pin to the top' }));
    await waitFor(() => expect(bodies(region)[0]).toBe('The rain in this part was recorded on my balcony.'));
    expect(within(commentOf('The rain in this part was recorded on my balcony.')).getByText('Pinned')).toBeTruthy();
    expect(within(commentOf('Love the tape hiss in the intro.')).queryByText('Pinned')).toBeNull();
    expect(bodies(region).filter((b) => b === 'The rain in this part was recorded on my balcony.')).toHaveLength(1);

    await userEvent.click(within(commentOf('The rain in this part was recorded on my balcony.')).getByRole('button', { name: "Actions for Ana Lima's comment" }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'Unpin' }));
    await waitFor(() => expect(within(commentOf('The rain in this part was recorded on my balcony.')).queryByText('Pinned')).toBeNull());
    expect(bodies(region)[0]).toBe('Perfect for a night drive indeed.');
    expect(commentsMock.pinnedOf(NIGHT_DRIVE.id)).toBeNull();
  });

  it('pages with "Show more comments", never showing one twice', async () => {
    renderThread(lea, () => commentsMock.many(NIGHT_DRIVE.id, 25));
    const region = await thread();
    await within(region).findByText('Love the tape hiss in the intro.');
    expect(within(region).getAllByRole('button', { name: /play from here/ })).toHaveLength(20);
    await userEvent.click(within(region).getByRole('button', { name: 'Show more comments' }));
    await waitFor(() => expect(within(region).getAllByRole('button', { name: /play from here/ })).toHaveLength(29));
    expect(within(region).queryByRole('button', { name: 'Show more comments' })).toBeNull();
  });

  it('plays from a comment moment: starts this track there, or seeks and plays on when it is loaded', async () => {
    usePlayer.setState({ track: toPlayerTrack(RUE_DES_MARTYRS), currentTime: 40, isPlaying: true });
    renderThread(lea);
    await thread();
    await userEvent.click(await screen.findByRole('button', { name: 'at 1:02, play from here' }));
    expect(usePlayer.getState()).toMatchObject({ track: { id: NIGHT_DRIVE.id }, currentTime: 62, isPlaying: true });

    usePlayer.setState({ isPlaying: false });
    await userEvent.click(screen.getByRole('button', { name: 'at 0:12, play from here' }));
    expect(usePlayer.getState()).toMatchObject({ track: { id: NIGHT_DRIVE.id }, currentTime: 12, isPlaying: true });
  });
});
