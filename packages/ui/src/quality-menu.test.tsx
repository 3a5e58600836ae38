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
