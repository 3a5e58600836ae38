import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MESSAGE_MAX_LENGTH } from '@veza/validators';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { MessageDto } from './chat-store.ts';
import { Composer, mentionAt, type ComposerProps } from './composer.tsx';

const mine = { id: '7', seq: 7, roomId: 'r', author: { id: 'me', username: 'ana', displayName: 'Ana' }, body: 'my last words', clientMessageId: 'c-7-abcdef', createdAt: '2026-12-06T10:00:00.000Z', editedAt: null, deletedAt: null, replyTo: null } as unknown as MessageDto;
const members = [
  { id: 'u1', username: 'marc', displayName: 'Marc Dubois' },
  { id: 'u2', username: 'maya', displayName: null },
  { id: 'u3', username: 'lea_m', displayName: 'Léa' },
];

/** The composer with the room's edit and reply state, as ChatRoom holds it. */
function Harness({ replyTo: initialReply, ...props }: Partial<ComposerProps> & { onSend: ComposerProps['onSend']; onSaveEdit?: ComposerProps['onSaveEdit'] }) {
  const [editing, setEditing] = useState<MessageDto | null>(null);
  const [replyTo, setReplyTo] = useState<MessageDto | null>(initialReply ?? null);
  return (
    <Composer
      label="Message #general"
      members={members}
      editing={editing}
      onEditLast={() => setEditing(mine)}
      onCancelEdit={() => setEditing(null)}
      replyTo={replyTo}
      onCancelReply={() => setReplyTo(null)}
      onSaveEdit={props.onSaveEdit ?? (async () => undefined)}
      {...props}
    />
  );
}

const box = () => screen.getByRole('combobox');

describe('Composer', () => {
  it('sends on Enter, adds a line on Shift+Enter, and never sends blank messages', async () => {
    const onSend = vi.fn();
    const user = userEvent.setup();
    render(<Harness onSend={onSend} />);
    await user.click(box());
    await user.keyboard('   {Enter}');
    expect(onSend).not.toHaveBeenCalled();
    await user.clear(box());
    await user.keyboard('first line{Shift>}{Enter}{/Shift}second line{Enter}');
    expect(onSend).toHaveBeenCalledExactlyOnceWith('first line\nsecond line');
    expect(box()).toHaveProperty('value', '');
  });

  it('edits my last message with Up in an empty box, saves on Enter, and Escape cancels back to the draft', async () => {
    const onSaveEdit = vi.fn(async () => undefined);
    const onSend = vi.fn();
    const user = userEvent.setup();
    render(<Harness onSend={onSend} onSaveEdit={onSaveEdit} />);
    await user.click(box());
    await user.keyboard('{ArrowUp}');
    expect(screen.getByText('Editing your message')).toBeTruthy();
    expect(box()).toHaveProperty('value', 'my last words');
    await user.keyboard('{Escape}');
    expect(screen.queryByText('Editing your message')).toBeNull();
    expect(box()).toHaveProperty('value', '');

    // Up with a draft typed moves the caret as usual (no edit).
    await user.keyboard('draft{ArrowUp}');
    expect(screen.queryByText('Editing your message')).toBeNull();
    await user.clear(box());
    await user.keyboard('{ArrowUp}');
    await user.clear(box());
    await user.keyboard('better words{Enter}');
    expect(onSaveEdit).toHaveBeenCalledExactlyOnceWith(mine, 'better words');
    expect(onSend).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(screen.queryByText('Editing your message')).toBeNull());
  });

  it('shows a failed edit inline and stays in edit mode', async () => {
    const user = userEvent.setup();
    render(<Harness onSend={vi.fn()} onSaveEdit={async () => Promise.reject(new Error('You are muted in this room.'))} />);
    await user.click(box());
    await user.keyboard('{ArrowUp} again{Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe('You are muted in this room.');
    expect(screen.getByText('Editing your message')).toBeTruthy();
  });

  it('cancels a reply with Escape', async () => {
    const user = userEvent.setup();
    render(<Harness onSend={vi.fn()} replyTo={{ ...mine, author: members[0]! } as MessageDto} />);
    expect(screen.getByText('Marc Dubois')).toBeTruthy();
    await user.click(box());
    await user.keyboard('{Escape}');
    expect(screen.queryByText('Marc Dubois')).toBeNull();
  });

  it('suggests members after @: arrows move, Enter picks without sending', async () => {
    const onSend = vi.fn();
    const user = userEvent.setup();
    render(<Harness onSend={onSend} />);
    await user.click(box());
    await user.keyboard('hey @ma');
    expect(box().getAttribute('aria-expanded')).toBe('true');
    const options = screen.getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['@marc Marc Dubois', '@maya ']);
    await user.keyboard('{ArrowDown}');
    expect(screen.getAllByRole('option')[1]!.getAttribute('aria-selected')).toBe('true');
    expect(box().getAttribute('aria-activedescendant')).toBe(screen.getAllByRole('option')[1]!.id);
    await user.keyboard('{Enter}');
    expect(onSend).not.toHaveBeenCalled();
    expect(box()).toHaveProperty('value', 'hey @maya ');
    expect(box().getAttribute('aria-expanded')).toBe('false');
    await user.keyboard('{Enter}');
    expect(onSend).toHaveBeenCalledWith('hey @maya');
  });

  it('counts down near the limit and refuses to send past it', async () => {
    const onSend = vi.fn();
    const user = userEvent.setup();
    render(<Harness onSend={onSend} />);
    await user.click(box());
    await user.paste('x'.repeat(MESSAGE_MAX_LENGTH - 10));
    expect(screen.getByText('10 characters left')).toBeTruthy();
    await user.paste('y'.repeat(11));
    expect(screen.getByText('1 character too many')).toBeTruthy();
    expect(box().getAttribute('aria-invalid')).toBe('true');
    await user.keyboard('{Enter}');
    expect(onSend).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Send' })).toHaveProperty('disabled', true);
  });

  it('previews the markdown and inserts an emoji from the grid', async () => {
    const user = userEvent.setup();
    render(<Harness onSend={vi.fn()} />);
    await user.click(box());
    await user.keyboard('**loud**');
    await user.click(screen.getByRole('button', { name: 'Emoji' }));
    await user.click(screen.getByRole('button', { name: '🔥' }));
    expect(box()).toHaveProperty('value', '**loud**🔥');
    await user.click(screen.getByRole('button', { name: 'Preview' }));
    expect(screen.getByRole('region', { name: 'Message preview' }).innerHTML).toBe('<strong>loud</strong>🔥');
  });

  it('finds the @word before the caret', () => {
    expect(mentionAt('hi @an', 6)).toEqual({ start: 3, query: 'an' });
    expect(mentionAt('mail a@b', 8)).toBeNull();
    expect(mentionAt('@', 1)).toEqual({ start: 0, query: '' });
  });
});
