import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fixtures, MOCK_SHARE_TOKENS, MockTrpcError, resetMockDb, sharesMock, trpcMsw } from '@veza/mocks';
import { server } from '@veza/mocks/node';
import { describe, expect, it } from 'vitest';
import type { Language } from '../../i18n.ts';
import { usePlayer } from '../../stores/player.ts';
import { renderScreen } from '../../test/render.tsx';
import { SharePage } from './share.page.tsx';

const DEMO = fixtures.tracks.find((t) => t.title === 'Demo — unfinished')!;

function open(token: string, language: Language = 'en') {
  resetMockDb({ signedInAs: null });
  sharesMock.seed(DEMO.id);
  usePlayer.getState().stop();
  return renderScreen(<SharePage />, { path: '/share/:token', url: `/share/${token}`, session: null, language });
}

describe('SharePage', () => {
  it('shows a private track to anyone holding a live link, and plays it through URLs carrying the token', async () => {
    open(MOCK_SHARE_TOKENS.active);
    expect(await screen.findByRole('heading', { level: 1, name: DEMO.title })).toBeTruthy();
    expect(screen.getByText('Shared privately by Ana Lima')).toBeTruthy();
    expect(screen.getByText(/^This link works until /)).toBeTruthy();
    expect(screen.getByRole('slider', { name: 'Seek' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: `Play “${DEMO.title}”` }));
    await waitFor(() => expect(usePlayer.getState().track?.audioUrl).toBe(`${DEMO.audioUrl}?share=${MOCK_SHARE_TOKENS.active}`));
    expect(sharesMock.of(DEMO.id).find((s) => s.token === MOCK_SHARE_TOKENS.active)?.useCount).toBe(4);
  });

  it.each([
    [MOCK_SHARE_TOKENS.revoked, 'This link was turned off', 'The person who shared it revoked it. Ask them for a new link.'],
    [MOCK_SHARE_TOKENS.expired, 'This link has expired', 'Ask the person who shared it for a new link.'],
    ['A'.repeat(43), 'This link does not work', 'Check that it was copied whole, or ask for a new one.'],
  ])('says why link %s does not open', async (token, title, text) => {
    open(token);
    expect(await screen.findByText(title, { selector: 'p' })).toBeTruthy();
    expect(screen.getByText(text)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to Veza' }).getAttribute('href')).toBe('/');
  });

  it('says it in French too', async () => {
    open(MOCK_SHARE_TOKENS.expired, 'fr');
    expect(await screen.findByText('Ce lien a expiré', { selector: 'p' })).toBeTruthy();
  });

  it('offers a retry when the server fails', async () => {
    server.use(trpcMsw.shares.track.query(() => { throw new MockTrpcError('INTERNAL_SERVER_ERROR', 'Something went wrong on our side. Please try again.'); }));
    open(MOCK_SHARE_TOKENS.active);
    expect(await screen.findByText('The shared track could not be loaded', { selector: 'p, h2, h3' })).toBeTruthy();
    server.resetHandlers();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 1, name: DEMO.title })).toBeTruthy();
  });
});
