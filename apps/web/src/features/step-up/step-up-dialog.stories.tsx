import type { Meta, StoryObj } from '@storybook/react-vite';
import { enableMockTwoFactor, states } from '@veza/mocks';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { storyUsers } from '../../test/story-users.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { StepUpDialog } from './step-up-dialog.tsx';

const meta = {
  title: 'Features/Step-up dialog',
  component: StepUpDialog,
  args: { open: true, onConfirmed: fn(), onCancel: fn() },
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => resetMocksFor(parameters.screen as ScreenParameters),
  parameters: { layout: 'fullscreen', screen: { session: storyUsers.ana } satisfies ScreenParameters, msw: mocks() },
} satisfies Meta<typeof StepUpDialog>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The password (password123 in the mocks); "Use a passkey" appears where the browser supports passkeys. */
export const Password: Story = {
  play: async ({ canvasElement }) => {
    // Focus starts in the field shown with the dialog.
    await expect(within(canvasElement.ownerDocument.body).getByLabelText('Password')).toHaveFocus();
  },
};

export const WrongPassword: Story = {
  play: async ({ canvasElement, args }) => {
    const page = within(canvasElement.ownerDocument.body);
    await userEvent.type(page.getByLabelText('Password'), 'not it');
    await userEvent.click(page.getByRole('button', { name: 'Confirm' }));
    await expect(await page.findByText('Incorrect password.')).toBeVisible();
    await expect(args.onConfirmed).not.toHaveBeenCalled();
  },
};

export const Confirmed: Story = {
  play: async ({ canvasElement, args }) => {
    const page = within(canvasElement.ownerDocument.body);
    await userEvent.type(page.getByLabelText('Password'), 'password123');
    await userEvent.click(page.getByRole('button', { name: 'Confirm' }));
    // Once the (mock) server has accepted the password.
    await waitFor(() => expect(args.onConfirmed).toHaveBeenCalledOnce());
  },
};

/** With two-factor authentication on: the authenticator code (123456) or a recovery code too. */
export const WithTwoFactor: Story = {
  beforeEach: () => enableMockTwoFactor('ana'),
  parameters: { screen: { session: { ...storyUsers.ana, twoFactorEnabled: true } } satisfies ScreenParameters },
};

/** Signed up with a linked account and 2FA: no password to offer. */
export const NoPassword: Story = {
  beforeEach: () => enableMockTwoFactor('ana'),
  parameters: { screen: { session: { ...storyUsers.ana, hasPassword: false, twoFactorEnabled: true } } satisfies ScreenParameters },
};

export const Checking: Story = {
  parameters: { msw: mocks(states.loading('mfa.stepUp')) },
  play: async ({ canvasElement }) => {
    const page = within(canvasElement.ownerDocument.body);
    await userEvent.type(page.getByLabelText('Password'), 'password123');
    await userEvent.click(page.getByRole('button', { name: 'Confirm' }));
  },
};

export const French: Story = { parameters: { screen: { session: storyUsers.ana, language: 'fr' } satisfies ScreenParameters } };

/** Created through a linked account, no password and no 2FA: a fresh sign-in confirms it. */
export const SignInAgain: Story = { parameters: { screen: { session: { ...storyUsers.ana, hasPassword: false } } satisfies ScreenParameters } };
