import { screen } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { initI18n } from '../../i18n.ts';
import { textOf } from '../../test/dom.ts';
import { renderScreen } from '../../test/render.tsx';
import { playsText, TrackPlaysFact } from './play-count.tsx';

describe('play counts', () => {
  afterEach(() => initI18n('en'));

  it('writes the count compact, in the plural it asks for, in both languages', () => {
    const t = i18next.getFixedT('en');
    expect(playsText(t, 1, 'en-GB')).toBe('1 play');
    expect(playsText(t, 1_234, 'en-GB')).toBe('1.2k plays');
    expect(playsText(t, 1_234, 'en-GB', 'standard')).toBe('1,234 plays');
    const fr = i18next.getFixedT('fr');
    expect(playsText(fr, 0, 'fr-FR')).toBe('0 écoute');
    expect(playsText(fr, 1_234, 'fr-FR')).toBe('1,2\u00a0k écoutes');
  });

  it('shows the count among the facts, in full for screen readers', () => {
    renderScreen(
      <dl>
        <TrackPlaysFact track={{ playCount: 15_300 }} />
      </dl>,
    );
    expect(textOf(screen.getByRole('term'))).toBe('Plays');
    const value = screen.getByRole('definition');
    expect(value.getAttribute('title')).toBe('15,300');
    expect(textOf(value)).toBe('15k15,300');
  });
});
