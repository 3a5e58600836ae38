import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fixtures, MOCK_SHARE_TOKENS, resetMockDb, sharesMock } from '@veza/mocks';
import { server } from '@veza/mocks/node';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { embedTarget, fetchEmbed } from './embed-api.ts';
import { EmbedPlayer } from './embed-player.tsx';
import { embedLanguage, translator } from './embed-text.ts';

const byTitle = (title: string) => fixtures.tracks.find((t) => t.title === title)!;
const NIGHT = byTitle('Night Drive');
const DEMO = byTitle('Demo — unfinished');
const ORIGIN = 'http://localhost';
const t = translator('en');

describe('the embed page', () => {
  it('reads the track and the share token from its URL, and the language from the browser or ?lang=', () => {
    expect(embedTarget(`/embed/track/${NIGHT.id}`, '')).toEqual({ trackId: NIGHT.id });
    expect(embedTarget(`/embed/track/${DEMO.id}`, `?share=${MOCK_SHARE_TOKENS.active}`)).toEqual({ trackId: DEMO.id, share: MOCK_SHARE_TOKENS.active });
    expect(embedTarget('/embed/track/nope', '')).toBeNull();
    expect(embedTarget(`/tracks/${NIGHT.id}`, '')).toBeNull();
    expect(embedLanguage('', ['fr-FR', 'en'])).toBe('fr');
    expect(embedLanguage('', ['en-GB', 'fr'])).toBe('en');
    expect(embedLanguage('?lang=fr', ['en'])).toBe('fr');
    expect(translator('fr')('embed.listen')).toBe('Écouter sur Veza');
  });

  it('gets public tracks, private ones only with a live link, and nothing else', async () => {
    resetMockDb({ signedInAs: 'ana' });
    sharesMock.seed(DEMO.id);
    expect(await fetchEmbed({ trackId: NIGHT.id }, ORIGIN)).toMatchObject({ kind: 'ready', track: { title: NIGHT.title, audioUrl: NIGHT.audioUrl } });
    // The signed-in owner gets a stranger's answer: the embed is the same for everyone.
    expect(await fetchEmbed({ trackId: DEMO.id }, ORIGIN)).toEqual({ kind: 'unavailable' });
    expect(await fetchEmbed({ trackId: DEMO.id, share: MOCK_SHARE_TOKENS.active }, ORIGIN)).toMatchObject({ kind: 'ready', track: { audioUrl: `${DEMO.audioUrl}?share=${MOCK_SHARE_TOKENS.active}` } });
    expect(await fetchEmbed({ trackId: DEMO.id, share: MOCK_SHARE_TOKENS.revoked }, ORIGIN)).toEqual({ kind: 'unavailable' });
    expect(await fetchEmbed({ trackId: DEMO.id, share: MOCK_SHARE_TOKENS.expired }, ORIGIN)).toEqual({ kind: 'unavailable' });
    server.use(http.get(/\/trpc\/shares\.embed/, () => HttpResponse.json({ error: { message: 'Down' } }, { status: 503 })));
    expect(await fetchEmbed({ trackId: NIGHT.id }, ORIGIN)).toEqual({ kind: 'error' });
    server.resetHandlers();
  });

  it('shows the player: cover, title and artist linking back to Veza, play, the waveform', async () => {
    resetMockDb();
    const load = await fetchEmbed({ trackId: NIGHT.id }, ORIGIN);
    const play = vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    render(<EmbedPlayer load={load} t={t} onRetry={() => undefined} />);
    expect(screen.getByRole('link', { name: NIGHT.title }).getAttribute('href')).toBe(`${ORIGIN}/tracks/${NIGHT.id}`);
    expect(screen.getByRole('link', { name: 'Listen on Veza' }).getAttribute('target')).toBe('_blank');
    expect(screen.getByText('by Ana Lima')).toBeTruthy();
    expect(screen.getByRole('slider', { name: 'Seek' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: `Play “${NIGHT.title}”` }));
    expect(play).toHaveBeenCalled();
    const audio = document.querySelector('audio')!;
    // No native HLS and no Media Source Extensions here (happy-dom): the original file, through the same route.
    expect(audio.getAttribute('src')).toBe(NIGHT.audioUrl);
  });

  it('says when there is nothing to play, and offers a retry on errors', async () => {
    const onRetry = vi.fn();
    const { rerender } = render(<EmbedPlayer load={null} t={t} onRetry={onRetry} />);
    expect(screen.getByText('Loading the player…')).toBeTruthy();
    rerender(<EmbedPlayer load={{ kind: 'unavailable' }} t={t} onRetry={onRetry} />);
    expect(screen.getByRole('status').textContent).toContain('This track is not available.');
    rerender(<EmbedPlayer load={{ kind: 'error' }} t={translator('fr')} onRetry={onRetry} />);
    expect(screen.getByRole('alert').textContent).toContain("Le lecteur n'a pas pu se charger.");
    await userEvent.click(screen.getByRole('button', { name: 'Réessayer' }));
    expect(onRetry).toHaveBeenCalled();
  });
});
