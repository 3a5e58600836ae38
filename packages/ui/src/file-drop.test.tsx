import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { FileDrop } from './file-drop.tsx';

describe('FileDrop', () => {
  it('calls onFile with the chosen file and links hint and error', () => {
    const onFile = vi.fn();
    render(<FileDrop label="Choose an audio file" hint="Up to 500 MB" error="Too big" accept="audio/*" onFile={onFile} />);
    // The accessible name is the label alone; the hint is a description.
    const input = screen.getByLabelText('Choose an audio file', { exact: true }) as HTMLInputElement;
    expect(input.type).toBe('file');
    expect(input.accept).toBe('audio/*');
    const described = (input.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent);
    expect(described).toEqual(['Too big', 'Up to 500 MB']);

    const file = new File(['RIFF'], 'song.wav', { type: 'audio/wav' });
    fireEvent.change(input, { target: { files: [file] } });
    expect(onFile).toHaveBeenCalledTimes(1);
    expect(onFile).toHaveBeenCalledWith(file);
  });

  it('calls onFile with the first dropped file, unless disabled', () => {
    const onFile = vi.fn();
    const file = new File(['ID3'], 'song.mp3', { type: 'audio/mpeg' });
    const { rerender } = render(<FileDrop label="Drop here" onFile={onFile} />);
    const zone = screen.getByText('Drop here').closest('label') as HTMLElement;
    fireEvent.drop(zone, { dataTransfer: { files: [file] } });
    expect(onFile).toHaveBeenCalledWith(file);

    rerender(<FileDrop label="Drop here" onFile={onFile} disabled />);
    fireEvent.drop(zone, { dataTransfer: { files: [file] } });
    expect(onFile).toHaveBeenCalledTimes(1);
  });

  it('hands every file to onFiles when multiple, and only the first otherwise', () => {
    const onFiles = vi.fn();
    const a = new File(['ID3'], 'a.mp3', { type: 'audio/mpeg' });
    const b = new File(['RIFF'], 'b.wav', { type: 'audio/wav' });
    const { rerender } = render(<FileDrop label="Drop here" multiple onFiles={onFiles} />);
    const input = screen.getByLabelText('Drop here') as HTMLInputElement;
    expect(input.multiple).toBe(true);
    fireEvent.change(input, { target: { files: [a, b] } });
    expect(onFiles).toHaveBeenLastCalledWith([a, b]);
    fireEvent.drop(screen.getByText('Drop here').closest('label') as HTMLElement, { dataTransfer: { files: [b, a] } });
    expect(onFiles).toHaveBeenLastCalledWith([b, a]);

    rerender(<FileDrop label="Drop here" onFiles={onFiles} />);
    fireEvent.change(screen.getByLabelText('Drop here'), { target: { files: [a, b] } });
    expect(onFiles).toHaveBeenLastCalledWith([a]);
  });
});
