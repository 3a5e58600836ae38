import { fireEvent, render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { RoomIcon } from './room-icon.tsx';

describe('RoomIcon', () => {
  it('shows the icon, decorative', () => {
    const { container } = render(<RoomIcon name="Beat lab" iconUrl="/api/chat/rooms/x/icon?v=1" />);
    const img = container.querySelector('img');
    expect(img?.getAttribute('src')).toBe('/api/chat/rooms/x/icon?v=1');
    expect(img?.getAttribute('alt')).toBe('');
  });

  it('falls back to the initials on a colour without an icon, and when the icon fails to load', () => {
    const { container, rerender } = render(<RoomIcon name="Beat lab" iconUrl={null} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toBe('BL');
    expect((container.querySelector('.vw-room-icon--fallback') as HTMLElement).style.backgroundColor).not.toBe('');
    rerender(<RoomIcon name="Beat lab" iconUrl="/broken" />);
    fireEvent.error(container.querySelector('img') as HTMLImageElement);
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toBe('BL');
    // A new icon is tried again.
    rerender(<RoomIcon name="Beat lab" iconUrl="/api/chat/rooms/x/icon?v=2" />);
    expect(container.querySelector('img')).not.toBeNull();
  });
});
