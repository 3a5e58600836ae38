import { fireEvent, render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Avatar } from './avatar.tsx';

describe('Avatar', () => {
  it('shows the picture when there is one, the initials otherwise or when it fails to load', () => {
    const { container, rerender } = render(<Avatar name="Ana Lima" src="/api/users/1/avatar?v=1&size=64" />);
    const img = container.querySelector('img');
    expect(img?.getAttribute('src')).toBe('/api/users/1/avatar?v=1&size=64');
    expect(img?.getAttribute('alt')).toBe('');
    expect(container.querySelector('[role="img"]')?.getAttribute('aria-label')).toBe('Ana Lima');
    fireEvent.error(img!);
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toBe('AL');
    // A new picture gets its chance.
    rerender(<Avatar name="Ana Lima" src="/api/users/1/avatar?v=2&size=64" />);
    expect(container.querySelector('img')).not.toBeNull();
    rerender(<Avatar name="Ana Lima" src={null} />);
    expect(container.textContent).toBe('AL');
  });
});
