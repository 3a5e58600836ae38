import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CoverArt, placeholderArt } from './cover-art.tsx';

describe('CoverArt', () => {
  it('shows the cover image with its text alternative', () => {
    const { container } = render(<CoverArt seed="t1" src="/api/tracks/t1/cover" alt="Cover of “Night Drive”" />);
    const img = container.querySelector('img');
    expect(img?.getAttribute('src')).toBe('/api/tracks/t1/cover');
    expect(img?.getAttribute('alt')).toBe('Cover of “Night Drive”');
    expect(container.querySelector('[data-placeholder-art]')).toBeNull();
  });

  it('generates a decorative placeholder without a cover, the same for the same track', () => {
    const { container } = render(<CoverArt seed="9b2f8f0c-1c1e-4f43-9a55-3c1d5e2b7a10" />);
    expect(container.querySelector('img')).toBeNull();
    const art = container.querySelector<HTMLElement>('[data-placeholder-art]');
    expect(art?.getAttribute('aria-hidden')).toBe('true');
    expect(art?.style.backgroundImage).toContain('gradient');
    expect(placeholderArt('9b2f8f0c-1c1e-4f43-9a55-3c1d5e2b7a10')).toBe(placeholderArt('9b2f8f0c-1c1e-4f43-9a55-3c1d5e2b7a10'));
  });

  it('gives different tracks different art', () => {
    const ids = Array.from({ length: 20 }, (_, i) => `track-${i}`);
    expect(new Set(ids.map(placeholderArt)).size).toBe(ids.length);
  });
});
