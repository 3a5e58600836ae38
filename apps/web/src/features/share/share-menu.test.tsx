import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fixtures, MockTrpcError, MOCK_ROOMS, MOCK_SHARE_LINKS_MAX, resetMockDb, sharesMock, trpcMsw } from '@veza/mocks';
import { server } from '@veza/mocks/node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Language } from '../../i18n.ts';
import type { SessionUser } from '../../stores/session.ts';
import { ana, marc, renderScreen } from '../../test/render.tsx';
import { trpc } from '../../trpc.ts';
import { ShareMenu } from './share-menu.tsx';

const byTitle = (title: string) => fixtures.tracks.find((t) => t.title === title)!;
/** Ana's, public. */
const NIGHT = byTitle('Night Drive');
/** Ana's, private. */
const DEMO = byTitle('Demo — unfinished');

function Probe({ id }: { id: string }) {
  const track = trpc.tracks.byId.useQuery({ id });
  return track.data ? <ShareMenu track={track.data} /> : <p>loading</p>;
}

function renderMenu(id: string, session: SessionUser | null, language: Language = 'en') {
  resetMockDb({ signedInAs: session?.username ?? null });
  return renderScreen(<Probe id={id} />, { path: '/tracks/:id', url: `/tracks/${id}`, session, language });
}

async function openMenu(title: string) {
  await userEvent.click(await screen.findByRole('button', { name: `Share “${title}”` }));
  return screen.getByRole('menu');
}
const items = (menu: HTMLElement) => within(menu).getAllByRole('menuitem').map((i) => i.textContent);

let clipboard: string[] = [];
function stubClipboard(fail = false) {
  clipboard = [];
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: { writeText: vi.fn(async (text: string) => (fail ? Promise.reject(new Error('denied')) : void clipboard.push(text))) },
  });
}
afterEach(() => vi.restoreAllMocks());

describe('ShareMenu', () => {
  it('offers what each person may do: copy for all, chat when signed in, embed for tracks others see, private links to the owner', async () => {
    renderMenu(NIGHT.id, ana);
    expect(items(await openMenu(NIGHT.title))).toEqual(['Copy link', 'Share to chat…', 'Embed…', 'Private links…']);
  });

  it('shows a stranger no private links, and the signed-out no chat', async () => {
    renderMenu(NIGHT.id, marc);
    expect(items(await openMenu(NIGHT.title))).toEqual(['Copy link', 'Share to chat…', 'Embed…']);
  });

  it('offers neither chat nor embed for a private track', async () => {
    renderMenu(DEMO.id, ana);
    expect(items(await openMenu(DEMO.title))).toEqual(['Copy link', 'Private links…']);
  });

  it('copies the track link and says so (or says it could not)', async () => {
    stubClipboard();
    renderMenu(NIGHT.id, null);
    expect(items(await openMenu(NIGHT.title))).toEqual(['Copy link', 'Embed…']);
    await userEvent.click(screen.getByRole('menuitem', { name: 'Copy link' }));
    expect(await screen.findByText('Link copied')).toBeTruthy();
    expect(clipboard).toEqual([`${window.location.origin}/tracks/${NIGHT.id}`]);
    stubClipboard(true);
    await userEvent.click(screen.getByRole('button', { name: `Share “${NIGHT.title}”` }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'Copy link' }));
    expect(await screen.findByText('The link could not be copied. Select it and copy it yourself.')).toBeTruthy();
  });

  it('gives the embed code in two sizes with a live preview', async () => {
    stubClipboard();
    renderMenu(NIGHT.id, marc);
    await openMenu(NIGHT.title);
    await userEvent.click(screen.getByRole('menuitem', { name: 'Embed…' }));
    const dialog = await screen.findByRole('dialog', { name: `Embed “${NIGHT.title}”` });
    const code = within(dialog).getByRole('textbox', { name: 'Embed code' }) as HTMLTextAreaElement;
    expect(code.value).toContain(`src="${window.location.origin}/embed/track/${NIGHT.id}" width="560" height="180"`);
    expect((within(dialog).getByTitle(`“${NIGHT.title}” on Veza`) as HTMLIFrameElement).src).toBe(`${window.location.origin}/embed/track/${NIGHT.id}`);
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Compact (480 × 120)' }));
    expect(code.value).toContain('width="480" height="120"');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Copy code' }));
    expect(clipboard).toEqual([code.value]);
    expect(within(dialog).getByRole('button', { name: 'Copied' })).toBeTruthy();
  });

  it('sends the track to a conversation picked from mine', async () => {
    renderMenu(NIGHT.id, ana);
    const sent: unknown[] = [];
    server.events.on('request:start', async ({ request }) => {
      if (request.url.includes('chat.messages.send')) sent.push(await request.clone().json());
    });
    await openMenu(NIGHT.title);
    await userEvent.click(screen.getByRole('menuitem', { name: 'Share to chat…' }));
    const dialog = await screen.findByRole('dialog', { name: `Share “${NIGHT.title}” to chat` });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Send' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('Pick a conversation first.');
    await userEvent.type(within(dialog).getByRole('searchbox', { name: 'Find a conversation' }), 'gen');
    expect(within(dialog).getAllByRole('radio')).toHaveLength(1);
    await userEvent.click(within(dialog).getByRole('radio', { name: '#general' }));
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Add a message (optional)' }), 'Listen to this');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Send' }));
    expect(await screen.findByText('Shared to general')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(sent).toEqual([expect.objectContaining({ roomId: MOCK_ROOMS.general, body: 'Listen to this', attachments: [{ kind: 'track', trackId: NIGHT.id }] })]);
    server.events.removeAllListeners();
  });

  it('says when the conversations cannot be loaded, and retries', async () => {
    server.use(trpcMsw.chat.rooms.list.query(() => { throw new MockTrpcError('INTERNAL_SERVER_ERROR', 'Something went wrong on our side. Please try again.'); }));
    renderMenu(NIGHT.id, ana);
    await openMenu(NIGHT.title);
    await userEvent.click(screen.getByRole('menuitem', { name: 'Share to chat…' }));
    const dialog = await screen.findByRole('dialog');
    expect((await within(dialog).findByRole('alert')).textContent).toContain('Your conversations could not be loaded.');
    server.resetHandlers();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Try again' }));
    expect(await within(dialog).findByRole('radio', { name: '#general' })).toBeTruthy();
  });
});

describe('Private links', () => {
  async function openLinks(language: Language = 'en') {
    renderMenu(DEMO.id, ana, language);
    sharesMock.seed(DEMO.id);
    await userEvent.click(await screen.findByRole('button', { name: language === 'en' ? `Share “${DEMO.title}”` : `Partager « ${DEMO.title} »` }));
    await userEvent.click(screen.getByRole('menuitem', { name: language === 'en' ? 'Private links…' : 'Liens privés…' }));
    return screen.findByRole('dialog');
  }

  it('lists the links with their state, makes one shown once to copy, and revokes one after confirming', async () => {
    stubClipboard();
    const dialog = await openLinks();
    const list = await within(dialog).findByRole('list');
    const rows = within(list).getAllByRole('listitem');
    expect(rows.map((r) => r.querySelector('.vw-share-links__name')?.textContent)).toEqual(['For the label', expect.stringMatching(/^Link made on /), 'Old mix']);
    expect(rows.map((r) => within(r).getByText(/^(Active|Expired|Revoked)$/).textContent)).toEqual(['Active', 'Expired', 'Revoked']);
    expect(within(rows[0]!).getByText(/Opened 3 times/)).toBeTruthy();
    // Only live links can be revoked.
    expect(within(dialog).getAllByRole('button', { name: /^Revoke / })).toHaveLength(1);

    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Label (optional)' }), 'Radio session');
    await userEvent.selectOptions(within(dialog).getByRole('combobox', { name: 'Expires' }), 'In 7 days');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create link' }));
    const link = (await within(dialog).findByRole('textbox', { name: 'Your new link' })) as HTMLInputElement;
    const made = sharesMock.of(DEMO.id).find((s) => s.label === 'Radio session')!;
    expect(link.value).toBe(`${window.location.origin}/share/${made.token}`);
    expect(Date.parse(made.expiresAt!) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Copy' }));
    expect(clipboard).toEqual([link.value]);
    await waitFor(() => expect(within(dialog).getAllByRole('listitem')).toHaveLength(4));

    await userEvent.click(within(dialog).getByRole('button', { name: 'Revoke Radio session' }));
    const confirm = await screen.findByRole('dialog', { name: 'Revoke this link?' });
    await userEvent.click(within(confirm).getByRole('button', { name: 'Revoke link' }));
    await waitFor(() => expect(sharesMock.of(DEMO.id).find((s) => s.label === 'Radio session')?.status).toBe('revoked'));
    expect(await screen.findByText('Link revoked')).toBeTruthy();
  });

  it('stops at the limit of working links', async () => {
    const dialog = await openLinks();
    sharesMock.fill(DEMO.id, MOCK_SHARE_LINKS_MAX);
    // The list may have been fetched again already (Create then is off); if not, the API's refusal turns it off.
    const create = within(dialog).getByRole('button', { name: 'Create link' });
    if (!create.hasAttribute('disabled')) await userEvent.click(create);
    const said = () => within(dialog).queryByRole('alert')?.textContent ?? within(dialog).queryByText('This track has as many working links as it can. Revoke one to make another.')?.textContent;
    await waitFor(() => expect(said()).toBeTruthy(), { timeout: 4000 });
    expect([
      `A track can have at most ${MOCK_SHARE_LINKS_MAX} working private links. Revoke one you no longer need first.`,
      'This track has as many working links as it can. Revoke one to make another.',
    ]).toContain(said());
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Create link' }).hasAttribute('disabled')).toBe(true), { timeout: 4000 });
  });

  it('speaks French', async () => {
    const dialog = await openLinks('fr');
    expect(within(dialog).getByRole('heading', { name: `Liens privés vers « ${DEMO.title} »` })).toBeTruthy();
    expect(await within(dialog).findByText('Expiré')).toBeTruthy();
    expect(within(dialog).getByRole('button', { name: 'Créer le lien' })).toBeTruthy();
  });
});
