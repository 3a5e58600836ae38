import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { QueuePanel } from './queue-panel.tsx';

const labels = {
  title: 'Queue',
  empty: 'Nothing queued',
  nowPlaying: 'Now playing',
  play: (t: string) => `Play ${t}`,
  remove: (t: string) => `Remove ${t}`,
  moveUp: (t: string) => `Move ${t} up`,
  moveDown: (t: string) => `Move ${t} down`,
  close: 'Close',
};
const items = [
  { key: 'k1', title: 'Night Drive', artistName: 'Ana' },
  { key: 'k2', title: 'Paper Boats', artistName: 'Élodie', durationMs: 200_000 },
];

describe('QueuePanel', () => {
  it('says when the queue is empty', () => {
    render(<QueuePanel items={[]} currentKey={null} onJump={vi.fn()} onRemove={vi.fn()} labels={labels} />);
    expect(screen.getByRole('region', { name: 'Queue' }).textContent).toContain('Nothing queued');
  });

  it('marks the current entry and lets you jump, remove and reorder the others', async () => {
    const user = userEvent.setup();
    const onJump = vi.fn();
    const onRemove = vi.fn();
    const onMove = vi.fn();
    render(<QueuePanel items={items} currentKey="k1" onJump={onJump} onRemove={onRemove} onMove={onMove} labels={labels} />);
    const [first, second] = screen.getAllByRole('listitem');
    expect(first!.getAttribute('aria-current')).toBe('true');
    expect(within(first!).queryByRole('button', { name: 'Remove Night Drive' })).toBeNull();
    expect((screen.getByRole('button', { name: 'Move Night Drive up' }) as HTMLButtonElement | HTMLSelectElement).disabled).toBe(true);
    await user.click(within(second!).getByRole('button', { name: 'Play Paper Boats' }));
    await user.click(screen.getByRole('button', { name: 'Remove Paper Boats' }));
    await user.click(screen.getByRole('button', { name: 'Move Paper Boats up' }));
    expect(onJump).toHaveBeenCalledWith('k2');
    expect(onRemove).toHaveBeenCalledWith('k2');
    expect(onMove).toHaveBeenCalledWith('k2', 0);
  });
});
