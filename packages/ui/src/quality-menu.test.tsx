import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { QualityMenu, qualityLevel } from './quality-menu.tsx';

const labels = { quality: 'Quality', auto: (k: number | null) => (k ? `Auto (${k} kbps)` : 'Auto'), kbps: (k: number) => `${k} kbps`, original: 'Original' };

describe('QualityMenu', () => {
  it('offers Auto and the existing renditions, showing what Auto plays', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<QualityMenu levels={[256, 128]} value="auto" currentKbps={256} onChange={onChange} labels={labels} />);
    const select = screen.getByRole('combobox', { name: 'Quality' });
    expect([...(select as HTMLSelectElement).options].map((o) => o.text)).toEqual(['Auto (256 kbps)', '128 kbps', '256 kbps']);
    await user.selectOptions(select, '128');
    expect(onChange).toHaveBeenCalledWith(128);
    await user.selectOptions(select, 'auto');
    expect(onChange).toHaveBeenLastCalledWith('auto');
  });

  it('shows the rendition a pinned preference really plays when the stream lacks it, never "Auto"', () => {
    // A "320" kept from the old ladder, on a 96/160/256 stream: 256 plays.
    const { rerender } = render(<QualityMenu levels={[96, 160, 256]} value={320} onChange={vi.fn()} labels={labels} />);
    const select = screen.getByRole('combobox', { name: 'Quality' }) as HTMLSelectElement;
    expect(select.selectedOptions[0]?.text).toBe('256 kbps');
    // A 64 kbps upload has one rendition, below any preference.
    rerender(<QualityMenu levels={[64]} value={160} onChange={vi.fn()} labels={labels} />);
    expect(select.selectedOptions[0]?.text).toBe('64 kbps');
  });

  it('is disabled while only the original file plays', () => {
    render(<QualityMenu levels={[]} value={320} onChange={vi.fn()} labels={labels} />);
    const select = screen.getByRole('combobox', { name: 'Quality' });
    expect((select as HTMLButtonElement | HTMLSelectElement).disabled).toBe(true);
    expect((select as HTMLSelectElement).selectedOptions[0]?.text).toBe('Original');
  });
});

describe('QualityMenu compact face', () => {
  it('shows the choice short (never "Auto (256 kbps)" cut), hidden from assistive tech, which reads the select', () => {
    const { container, rerender } = render(<QualityMenu levels={[256, 128]} value="auto" currentKbps={256} onChange={vi.fn()} labels={labels} />);
    const face = container.querySelector('.vz-quality__face');
    expect(face?.getAttribute('aria-hidden')).toBe('true');
    expect(face?.textContent).toBe('Auto');
    rerender(<QualityMenu levels={[256, 128]} value={128} onChange={vi.fn()} labels={labels} />);
    expect(face?.textContent).toBe('128 kbps');
    rerender(<QualityMenu levels={[]} value="auto" onChange={vi.fn()} labels={labels} />);
    expect(face?.textContent).toBe('Original');
    expect(screen.getByRole('combobox', { name: 'Quality' })).toBeTruthy();
  });
});

describe('qualityLevel', () => {
  it('is the level asked for, else the highest below it, else the lowest; auto when asked or when there are none', () => {
    expect(qualityLevel('auto', [96, 160])).toBe('auto');
    expect(qualityLevel(160, [])).toBe('auto');
    expect(qualityLevel(160, [256, 96, 160])).toBe(160);
    expect(qualityLevel(200, [256, 96, 160])).toBe(160);
    expect(qualityLevel(64, [256, 96, 160])).toBe(96);
  });
});
