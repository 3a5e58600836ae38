import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { RecoveryCodes } from './recovery-codes.tsx';

const labels = { list: 'Recovery codes', copy: 'Copy', copied: 'Copied.', copyFailed: 'Copy failed.', download: 'Download', saved: 'I saved them', done: 'Done' };

describe('RecoveryCodes', () => {
  it('lists the codes, copies them one per line, and enables Done only once saved', async () => {
    const user = userEvent.setup();
    const onDone = vi.fn();
    render(<RecoveryCodes codes={['aaaaa-11111', 'bbbbb-22222']} labels={labels} fileName="codes.txt" onDone={onDone} />);
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['aaaaa-11111', 'bbbbb-22222']);

    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(await navigator.clipboard.readText()).toBe('aaaaa-11111\nbbbbb-22222');
    expect(screen.getByRole('status').textContent).toBe('Copied.');

    const done = screen.getByRole('button', { name: 'Done' });
    expect((done as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByLabelText('I saved them'));
    await user.click(done);
    expect(onDone).toHaveBeenCalledOnce();
  });
});
