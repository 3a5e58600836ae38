import type { Meta, StoryObj } from '@storybook/react-vite';
import { MESSAGE_MAX_LENGTH } from '@veza/validators';
import { expect, fn, userEvent, within } from 'storybook/test';
import { screenDecorator } from '../../test/story.tsx';
import type { MessageDto } from './chat-store.ts';
import { Composer } from './composer.tsx';

const marc = { id: 'u-marc', username: 'marc.dubois', displayName: 'Marc Dubois' };
const lea = { id: 'u-lea', username: 'lea_m', displayName: null };
const theirs = {
  id: '41',
  seq: 41,
  roomId: 'r',
  author: marc,
  body: 'New **modular** patch is up, feedback welcome',
  clientMessageId: 'story-41-abcdef',
  createdAt: '2026-12-06T09:00:00.000Z',
  editedAt: null,
  deletedAt: null,
  replyTo: null,
} as MessageDto;
const mine = { ...theirs, id: '42', seq: 42, author: { id: 'u-ana', username: 'ana', displayName: 'Ana Lima' }, body: 'The bass sits really well' } as MessageDto;

const meta = {
  title: 'Features/Chat/Composer',
  component: Composer,
  decorators: [(Story) => <div style={{ maxWidth: 640, paddingTop: 280 }}><Story /></div>, screenDecorator],
  args: {
    label: 'Message #general',
    onSend: fn(),
    onSaveEdit: fn(async () => undefined),
    onEditLast: fn(),
    onCancelEdit: fn(),
    onCancelReply: fn(),
    editing: null,
    replyTo: null,
    members: [marc, lea],
  },
} satisfies Meta<typeof Composer>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Empty: Story = {};

/** Replying: the quoted message above the box, ✕ or Escape to cancel. */
export const Replying: Story = { args: { replyTo: theirs } };

/** Editing my message (Up arrow in an empty box); Escape cancels. */
export const Editing: Story = { args: { editing: mine } };

/** Muted, or otherwise unable to send: said above the box, Send disabled. */
export const Muted: Story = { args: { disabledReason: 'You are muted in this room until 14:30.' } };

/** Slow mode told under the box. */
export const SlowMode: Story = { args: { slowModeSeconds: 30 } };

/** Close to the 4,000-character limit: the counter appears. */
export const NearTheLimit: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('combobox'));
    await userEvent.paste('x'.repeat(MESSAGE_MAX_LENGTH - 40));
    await expect(canvas.getByText('40 characters left')).toBeVisible();
  },
};

/** Past the limit: the counter turns red and Send is disabled. */
export const OverTheLimit: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('combobox'));
    await userEvent.paste('x'.repeat(MESSAGE_MAX_LENGTH + 12));
    await expect(canvas.getByText('12 characters too many')).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Send' })).toBeDisabled();
  },
};

/** `@` suggests room members. */
export const MentionSuggestions: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByRole('combobox'), 'thanks @');
    await expect(canvas.getByRole('listbox')).toBeVisible();
    await expect(canvas.getAllByRole('option')).toHaveLength(2);
  },
};

/** The emoji grid. */
export const EmojiGrid: Story = {
  play: async ({ canvasElement }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Emoji' }));
  },
};

/** The preview of the markdown-lite. */
export const Preview: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByRole('combobox'), '**Loud** and _soft_, `code` and https://example.com');
    await userEvent.click(canvas.getByRole('button', { name: 'Preview' }));
    await expect(canvas.getByRole('region', { name: 'Message preview' })).toBeVisible();
  },
};
