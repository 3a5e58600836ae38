import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { MenuButton } from './menu-button.tsx';

describe('MenuButton', () => {
  it('opens a menu operable with the keyboard and gives focus back on Escape', async () => {
    const user = userEvent.setup();
    const next = vi.fn();
    const last = vi.fn();
    render(<MenuButton label="Queue actions" items={[{ id: 'n', label: 'Play next', onSelect: next }, { id: 'l', label: 'Add to queue', onSelect: last }]} />);
    const button = screen.getByRole('button', { name: 'Queue actions' });
    await user.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Play next' }));
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Add to queue' }));
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Play next' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);
    await user.click(button);
    await user.click(screen.getByRole('menuitem', { name: 'Add to queue' }));
    expect(last).toHaveBeenCalledTimes(1);
    expect(next).not.toHaveBeenCalled();
    expect(screen.queryByRole('menu')).toBeNull();
  });
});
