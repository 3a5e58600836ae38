import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { RecoveryCodes } from './recovery-codes.tsx';

const codes = ['k3f9d-2mx7q', 'p8w2n-c4r6t', 'h7y3b-v9k2m', 'q5z8x-d3n6p', 'r2t7c-w8m4k', 'b9n4v-j6x3h', 'm6q2w-z7t9r', 'c3x8k-n5p2b', 't4v9m-h2q7d', 'w7b3z-k8c5n'];

const meta = {
  title: 'Account/RecoveryCodes',
  component: RecoveryCodes,
  args: {
    codes,
    fileName: 'veza-recovery-codes.txt',
    fileHeader: 'Veza recovery codes for ana',
    onDone: fn(),
    labels: {
      list: 'Recovery codes',
      copy: 'Copy',
      copied: 'Copied to the clipboard.',
      copyFailed: 'Copying failed: select the codes and copy them by hand.',
      download: 'Download (.txt)',
      saved: 'I have saved these codes somewhere safe',
      done: 'Done',
    },
  },
  decorators: [(Story) => <div style={{ maxWidth: 520 }}><Story /></div>],
} satisfies Meta<typeof RecoveryCodes>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};

export const Confirmed: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('button', { name: 'Done' })).toBeDisabled();
    await userEvent.click(canvas.getByLabelText('I have saved these codes somewhere safe'));
    await userEvent.click(canvas.getByRole('button', { name: 'Done' }));
    await expect(args.onDone).toHaveBeenCalled();
  },
};
