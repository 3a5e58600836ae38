import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TextField } from './text-field.tsx';

describe('TextField', () => {
  it('labels the input and links the error and hint through aria-describedby', () => {
    render(<TextField label="Email" name="email" error="Enter a valid email." hint="We never share it." />);
    const input = screen.getByLabelText('Email');
    expect(input.tagName).toBe('INPUT');
    expect(input.getAttribute('aria-invalid')).toBe('true');

    const ids = (input.getAttribute('aria-describedby') ?? '').split(' ');
    const texts = ids.map((id) => document.getElementById(id)?.textContent);
    expect(texts).toEqual(['Enter a valid email.', 'We never share it.']);
  });

  it('is not marked invalid without an error and renders a textarea when multiline', () => {
    render(<TextField label="Description" multiline />);
    const field = screen.getByLabelText('Description');
    expect(field.tagName).toBe('TEXTAREA');
    expect(field.hasAttribute('aria-invalid')).toBe(false);
    expect(field.hasAttribute('aria-describedby')).toBe(false);
  });
});

describe('TextField when required', () => {
  it('keeps the visible marker out of the accessible name', () => {
    render(<TextField label="Email" required />);
    const input = screen.getByLabelText('Email', { exact: true });
    expect((input as HTMLInputElement).required).toBe(true);
    expect(screen.getByText('*').getAttribute('aria-hidden')).toBe('true');
  });
});
