import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { downsample, Waveform } from './waveform.tsx';

const peaks = Array.from({ length: 1800 }, (_, i) => Math.abs(Math.sin(i / 40)));

function setup(props: Partial<Parameters<typeof Waveform>[0]> = {}) {
  const onSeek = vi.fn();
  render(<Waveform peaks={peaks} currentTime={60} duration={200} onSeek={onSeek} label="Seek" valueText={(c, t) => `${c} of ${t}`} {...props} />);
  return { onSeek, slider: screen.getByRole('slider', { name: 'Seek' }) };
}

describe('Waveform', () => {
  it('is a slider with its position in seconds and as text', () => {
    const { slider } = setup();
    expect(slider.getAttribute('aria-valuemin')).toBe('0');
    expect(slider.getAttribute('aria-valuemax')).toBe('200');
    expect(slider.getAttribute('aria-valuenow')).toBe('60');
    expect(slider.getAttribute('aria-valuetext')).toBe('1:00 of 3:20');
    expect(slider.getAttribute('tabindex')).toBe('0');
  });

  it('seeks with the keyboard: arrows ±5 s, Page Up/Down ±30 s, Home, End', async () => {
    const user = userEvent.setup();
    const { slider, onSeek } = setup();
    slider.focus();
    for (const key of ['{ArrowRight}', '{ArrowLeft}', '{ArrowUp}', '{ArrowDown}', '{PageUp}', '{PageDown}', '{Home}', '{End}']) await user.keyboard(key);
    expect(onSeek.mock.calls.map(([s]) => s as number)).toEqual([65, 55, 65, 55, 90, 30, 0, 200]);
  });

  it('clamps keyboard seeks to the track', async () => {
    const user = userEvent.setup();
    const { slider, onSeek } = setup({ currentTime: 198 });
    slider.focus();
    await user.keyboard('{ArrowRight}{PageUp}');
    expect(onSeek.mock.calls).toEqual([[200], [200]]);
  });

  it('seeks where it is clicked, and where a drag ends', () => {
    const { slider, onSeek } = setup();
    slider.getBoundingClientRect = () => ({ left: 100, width: 400, top: 0, height: 40, right: 500, bottom: 40, x: 100, y: 0, toJSON: () => ({}) });
    fireEvent.pointerDown(slider, { clientX: 200, button: 0, pointerId: 1 });
    fireEvent.pointerUp(slider, { clientX: 200, pointerId: 1 });
    expect(onSeek).toHaveBeenLastCalledWith(50);
    fireEvent.pointerDown(slider, { clientX: 150, button: 0, pointerId: 1 });
    fireEvent.pointerMove(slider, { clientX: 400, pointerId: 1 });
    expect(onSeek).toHaveBeenCalledTimes(1);
    expect(slider.getAttribute('aria-valuenow')).toBe('60');
    fireEvent.pointerUp(slider, { clientX: 600, pointerId: 1 });
    expect(onSeek).toHaveBeenLastCalledWith(200);
  });

  it('cannot be operated before the duration is known', async () => {
    const user = userEvent.setup();
    const { slider, onSeek } = setup({ duration: Number.NaN });
    expect(slider.getAttribute('aria-disabled')).toBe('true');
    expect(slider.getAttribute('tabindex')).toBe('-1');
    slider.focus();
    await user.keyboard('{End}');
    fireEvent.pointerDown(slider, { clientX: 10, button: 0 });
    expect(onSeek).not.toHaveBeenCalled();
  });

  it('draws the bars, or a plain line without peaks', () => {
    const { container } = render(<Waveform peaks={peaks} bars={50} currentTime={0} duration={10} onSeek={() => undefined} label="Seek" />);
    expect(container.querySelectorAll('.vz-waveform__bars:not(.vz-waveform__bars--played) rect')).toHaveLength(50);
    const empty = render(<Waveform peaks={null} currentTime={0} duration={10} onSeek={() => undefined} label="Position" />);
    expect(empty.container.querySelector('.vz-waveform__line')).not.toBeNull();
  });
});

describe('downsample', () => {
  it('keeps the loudest peak of each bucket', () => {
    expect(downsample([0.1, 0.9, 0.2, 0.3, 0.5, 0.4], 3)).toEqual([0.9, 0.3, 0.5]);
  });

  it('leaves short inputs alone, clamped to 0..1', () => {
    expect(downsample([0.2, 1.4, -1], 10)).toEqual([0.2, 1, 0]);
    expect(downsample([], 10)).toEqual([]);
  });
});
