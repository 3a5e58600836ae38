import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { QualityMenu } from './quality-menu.tsx';

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
