import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { db, fixtures, MockTrpcError, resetMockDb, states, trpcMsw } from '@veza/mocks';
import { server } from '@veza/mocks/node';
import { describe, expect, it } from 'vitest';
import type { Language } from '../../i18n.ts';
import type { SessionUser } from '../../stores/session.ts';
import { descriptionOf } from '../../test/dom.ts';
import { ana, marc, renderScreen } from '../../test/render.tsx';
import { trpc } from '../../trpc.ts';
import { RepostControl } from './repost-control.tsx';

const byTitle = (title: string) => fixtures.tracks.find((t) => t.title === title)!;
const RUE = byTitle('Rue des Martyrs');
const METRO = byTitle('Le dernier métro');

function Probe({ id }: { id: string }) {
  const track = trpc.tracks.byId.useQuery({ id });
  return track.data ? <RepostControl track={track.data} /> : <p>loading</p>;
}

function renderControl(id: string, session: SessionUser | null, language: Language = 'en') {
  if (session) resetMockDb({ signedInAs: session.username });
  return renderScreen(<Probe id={id} />, { path: '/tracks/:id', url: `/tracks/${id}`, session, language });
}

const repostButton = () => screen.findByRole('button', { name: /^Repost \d/ });
const notPublic = () =>
  trpcMsw.social.repost.mutation(() => {
    throw Object.assign(new MockTrpcError('BAD_REQUEST', 'Only public tracks can be reposted: this one is shared by link only.'), { reason: 'not_public' });
  });

describe('RepostControl', () => {
  it('reposts and unreposts as a toggle, the count changing at once', async () => {
    renderControl(RUE.id, ana);
    const button = await repostButton();
    expect(button.getAttribute('aria-pressed')).toBe('false');
    expect(button.getAttribute('title')).toBe('Repost');
    await userEvent.click(button);
    // Optimistic: pressed and counted before the server answers.
    expect(button.getAttribute('aria-pressed')).toBe('true');
    expect(button.textContent).toBe('Repost 1');
    await waitFor(() => expect(db.reposts.some((r) => r.userId === ana.id && r.trackId === RUE.id)).toBe(true));
    expect(button.getAttribute('title')).toBe('Remove your repost');
    await userEvent.click(button);
    await waitFor(() => expect(button.getAttribute('aria-pressed')).toBe('false'));
    expect(button.textContent).toBe('Repost 0');
    await waitFor(() => expect(db.reposts.some((r) => r.userId === ana.id && r.trackId === RUE.id)).toBe(false));
  });

  it('puts the previous state back when refused, with the reason in a toast (English: the API words)', async () => {
    server.use(notPublic());
    renderControl(RUE.id, ana);
    const button = await repostButton();
    await userEvent.click(button);
    expect(await screen.findByText('Only public tracks can be reposted: this one is shared by link only.')).toBeTruthy();
    await waitFor(() => expect(button.getAttribute('aria-pressed')).toBe('false'));
    expect(button.textContent).toBe('Repost 0');
  });

  it('translates the reason in French', async () => {
    server.use(notPublic());
    renderControl(RUE.id, ana, 'fr');
    await userEvent.click(await screen.findByRole('button', { name: /^Republier \d/ }));
    expect(await screen.findByText("Seuls les morceaux publics peuvent être republiés : celui-ci n'est partagé que par lien.")).toBeTruthy();
  });

  it('says a generic message for a server error', async () => {
    server.use(states.error('social.repost'));
    renderControl(RUE.id, ana);
    await userEvent.click(await repostButton());
    expect(await screen.findByText("Your repost couldn't be saved. Please try again.")).toBeTruthy();
  });

  it('is not there on my own tracks nor on tracks that are not public', async () => {
    renderControl(RUE.id, marc);
    await waitFor(() => expect(screen.queryByText('loading')).toBeNull());
    expect(screen.queryByRole('button', { name: /^Repost/ })).toBeNull();
  });

  it('hides itself on an unlisted track', async () => {
    resetMockDb({ signedInAs: 'ana' });
    db.tracks.find((t) => t.id === RUE.id)!.visibility = 'unlisted';
    renderScreen(<Probe id={RUE.id} />, { session: ana });
    await waitFor(() => expect(screen.queryByText('loading')).toBeNull());
    expect(screen.queryByRole('button', { name: /^Repost/ })).toBeNull();
  });

  it('reposts with a caption from a dialog, with a 280-character counter', async () => {
    renderControl(RUE.id, ana);
    await userEvent.click(await screen.findByRole('button', { name: 'Repost with a caption' }));
    const dialog = await screen.findByRole('dialog', { name: 'Repost “Rue des Martyrs”' });
    const caption = within(dialog).getByRole('textbox', { name: 'Caption (optional)' });
    expect(caption.getAttribute('maxlength')).toBe('280');
    expect(descriptionOf(caption)).toBe('0 / 280280 characters left');
    await userEvent.type(caption, 'Paris at dawn.');
    expect(within(dialog).getByText('14 / 280')).toBeTruthy();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Repost' }));
    expect(await screen.findByText('Reposted to your followers.')).toBeTruthy();
    expect(db.reposts.find((r) => r.userId === ana.id && r.trackId === RUE.id)?.caption).toBe('Paris at dawn.');
    expect((await repostButton()).getAttribute('aria-pressed')).toBe('true');
    // Opened again: my caption to change, and "Save caption".
    await userEvent.click(screen.getByRole('button', { name: "Change your repost's caption" }));
    const again = await screen.findByRole('dialog');
    expect((within(again).getByRole('textbox') as HTMLTextAreaElement).value).toBe('Paris at dawn.');
    expect(within(again).getByRole('button', { name: 'Save caption' })).toBeTruthy();
  });

  it('reads the counter out near the limit, and keeps the caption when refused', async () => {
    server.use(notPublic());
    renderControl(RUE.id, ana);
    await userEvent.click(await screen.findByRole('button', { name: 'Repost with a caption' }));
    const dialog = await screen.findByRole('dialog');
    const caption = within(dialog).getByRole('textbox');
    const live = dialog.querySelector('[aria-live="polite"]')!;
    await userEvent.click(caption);
    await userEvent.paste('x'.repeat(250));
    expect(live.textContent).toBe('');
    await userEvent.paste('y'.repeat(40));
    expect((caption as HTMLTextAreaElement).value).toHaveLength(280);
    expect(live.textContent).toBe('0 characters left');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Repost' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('Only public tracks can be reposted: this one is shared by link only.');
    expect(caption.getAttribute('aria-invalid')).toBe('true');
    expect((caption as HTMLTextAreaElement).value).toHaveLength(280);
  });

  it('shows as pressed on a track I reposted', async () => {
    renderControl(METRO.id, ana);
    expect((await repostButton()).getAttribute('aria-pressed')).toBe('true');
  });

  it('sends visitors to sign in first', async () => {
    renderControl(RUE.id, null);
    await userEvent.click(await repostButton());
    expect((await screen.findByTestId('location')).textContent).toBe(`/login?next=${encodeURIComponent(`/tracks/${RUE.id}`)}`);
  });
});
