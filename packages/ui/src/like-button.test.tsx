import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { LikeButton } from './like-button.tsx';

const labels = { likeLabel: 'Like', unlikeLabel: 'Unlike' };

describe('LikeButton', () => {
  it('exposes its state through aria-pressed and calls onToggle on click', () => {
    const onToggle = vi.fn();
    const { rerender } = render(<LikeButton liked={false} count={3} onToggle={onToggle} {...labels} />);
    const button = screen.getByRole('button', { name: /like/i });
    expect(button.getAttribute('aria-pressed')).toBe('false');
    expect(button.textContent).toContain('3');

    fireEvent.click(button);
    expect(onToggle).toHaveBeenCalledTimes(1);

    rerender(<LikeButton liked count={4} onToggle={onToggle} {...labels} />);
    expect(button.getAttribute('aria-pressed')).toBe('true');
    expect(button.getAttribute('title')).toBe('Unlike');
  });

  it('ignores clicks while pending', () => {
    const onToggle = vi.fn();
    render(<LikeButton liked={false} count={0} pending onToggle={onToggle} {...labels} />);
    const button = screen.getByRole('button');
    expect(button.getAttribute('aria-busy')).toBe('true');
    fireEvent.click(button);
    expect(onToggle).not.toHaveBeenCalled();
  });
});
