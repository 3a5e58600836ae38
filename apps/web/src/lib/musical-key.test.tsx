import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { aTrack, fixtures, resetMockDb } from '@veza/mocks';
import { MUSICAL_KEYS } from '@veza/validators';
import i18next from 'i18next';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n.ts';
import { TrackMetadataFacts } from '../pages/track/track-metadata.tsx';
import { TrackPage } from '../pages/track/track.page.tsx';
import { ana, renderScreen } from '../test/render.tsx';
import { formatMusicalKey } from './musical-key.ts';

const format = (key: string) => formatMusicalKey(key, i18next.t);

describe('formatMusicalKey', () => {
  afterEach(() => setLanguage('en'));

  it('names keys in French solfège', () => {
    setLanguage('fr');
    expect(format('A minor')).toBe('La mineur');
    expect(format('C# major')).toBe('Do♯ majeur');
    expect(format('D major')).toBe('Ré majeur');
    expect(format('G# minor')).toBe('Sol♯ mineur');
    expect(format('B major')).toBe('Si majeur');
  });

  it('translates all 24 keys to 24 different French names, none left in English', () => {
    setLanguage('fr');
    const names = MUSICAL_KEYS.map(format);
    expect(new Set(names).size).toBe(24);
    for (const name of names) expect(name).toMatch(/^(Do|Ré|Mi|Fa|Sol|La|Si)♯? (majeur|mineur)$/);
  });

  it('keeps English names, with a real sharp sign', () => {
    expect(format('A minor')).toBe('A minor');
    expect(format('F# minor')).toBe('F♯ minor');
  });

  it('shows a value outside the list as stored', () => {
    setLanguage('fr');
    expect(format('H major')).toBe('H major');
    expect(format('')).toBe('');
  });
});

describe('musical key on screen, in French', () => {
  afterEach(() => setLanguage('en'));

  it('shows « Fa♯ mineur » in the track facts', () => {
    setLanguage('fr');
    // The facts link the genre to Explore: they sit in a router.
    render(<MemoryRouter><dl><TrackMetadataFacts track={aTrack({ musicalKey: 'F# minor' })} /></dl></MemoryRouter>);
    expect(screen.getByText('Fa♯ mineur')).toBeTruthy();
    expect(screen.queryByText('F# minor')).toBeNull();
  });

  it('offers French key names in the edit form and still saves the stored value', async () => {
    resetMockDb({ signedInAs: 'ana' });
    const track = fixtures.tracks[0]!; // ana's Night Drive, in F# minor
    renderScreen(<TrackPage />, { path: '/tracks/:id', url: `/tracks/${track.id}`, session: ana, language: 'fr' });
    await userEvent.click(await screen.findByRole('button', { name: 'Modifier' }));
    const select = screen.getByLabelText('Tonalité') as HTMLSelectElement;
    expect(select.value).toBe('F# minor');
    expect(within(select).getByRole('option', { name: 'Fa♯ mineur' })).toBeTruthy();
    expect(within(select).getByRole('option', { name: 'La mineur' })).toBeTruthy();
    expect(within(select).queryByRole('option', { name: 'A minor' })).toBeNull();
  });
});
