import type { Meta, StoryObj } from '@storybook/react-vite';
import { states } from '@veza/mocks';
import { expect, userEvent, within } from 'storybook/test';
import { storyUsers } from '../../test/story-users.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { ForgotPasswordPage } from './forgot-password.page.tsx';
import { ResetPasswordPage } from './reset-password.page.tsx';
import { VerifyEmailPage } from './verify-email.page.tsx';

// Forgot password, reset password and email verification: the pages reached from emailed links.
const meta = {
  title: 'Screens/Account recovery',
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => resetMocksFor(parameters.screen as ScreenParameters),
  parameters: { layout: 'fullscreen', msw: mocks() },
} satisfies Meta;
export default meta;
type Story = StoryObj<typeof meta>;

const TOKEN = 'dGhpcy1pcy1hLW1vY2stdG9rZW4tZm9yLXN0b3JpZXMtb25seQ';
const forgot = (language: 'en' | 'fr' = 'en'): ScreenParameters => ({ path: '/forgot-password', url: '/forgot-password', language });
const reset = (token = TOKEN, language: 'en' | 'fr' = 'en'): ScreenParameters => ({ path: '/reset-password', url: `/reset-password?token=${token}`, language });
const verify = (token: string, session: ScreenParameters['session'] = null): ScreenParameters => ({ path: '/verify-email', url: `/verify-email?token=${token}`, session });

export const ForgotPassword: Story = { render: () => <ForgotPasswordPage />, parameters: { screen: forgot() } };

/** The same confirmation whether or not an account uses the address. */
export const ForgotPasswordSent: Story = {
  render: () => <ForgotPasswordPage />,
  parameters: { screen: forgot() },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Email'), 'nobody@example.com');
    await userEvent.click(canvas.getByRole('button', { name: 'Send the link' }));
    await expect(await canvas.findByText('Check your inbox')).toBeVisible();
  },
};

export const ForgotPasswordRateLimited: Story = {
  render: () => <ForgotPasswordPage />,
  parameters: { screen: forgot(), msw: mocks(states.error('account.requestPasswordReset', 'TOO_MANY_REQUESTS', 'Too many attempts. Please wait a moment and try again.')) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Email'), 'ana@example.com');
    await userEvent.click(canvas.getByRole('button', { name: 'Send the link' }));
    await expect(await canvas.findByText('Too many attempts. Please wait a moment and try again.')).toBeVisible();
  },
};

export const ForgotPasswordFrench: Story = { render: () => <ForgotPasswordPage />, parameters: { screen: forgot('fr') } };

export const ResetPassword: Story = { render: () => <ResetPasswordPage />, parameters: { screen: reset() } };

export const ResetPasswordMismatch: Story = {
  render: () => <ResetPasswordPage />,
  parameters: { screen: reset() },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('New password'), 'a new long password');
    await userEvent.type(canvas.getByLabelText('Confirm the new password'), 'another one');
    await userEvent.click(canvas.getByRole('button', { name: 'Change password' }));
    await expect(await canvas.findByText('The two passwords do not match.')).toBeVisible();
  },
};

export const ResetPasswordExpired: Story = {
  render: () => <ResetPasswordPage />,
  parameters: { screen: reset('expired-token') },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('New password'), 'a new long password');
    await userEvent.type(canvas.getByLabelText('Confirm the new password'), 'a new long password');
    await userEvent.click(canvas.getByRole('button', { name: 'Change password' }));
    await expect(await canvas.findByText(/expired or was already used/)).toBeVisible();
  },
};

export const ResetPasswordNoToken: Story = { render: () => <ResetPasswordPage />, parameters: { screen: { path: '/reset-password', url: '/reset-password' } } };

export const ResetPasswordFrench: Story = { render: () => <ResetPasswordPage />, parameters: { screen: reset(TOKEN, 'fr') } };

export const VerifyEmailVerifying: Story = {
  render: () => <VerifyEmailPage />,
  parameters: { screen: verify(TOKEN), msw: mocks(states.loading('account.verifyEmail')) },
};

export const VerifyEmailDone: Story = { render: () => <VerifyEmailPage />, parameters: { screen: verify(TOKEN) } };

/** Signed in: a new link is one click away. */
export const VerifyEmailExpired: Story = {
  render: () => <VerifyEmailPage />,
  parameters: { screen: verify('expired-token', { ...storyUsers.ana, emailVerified: false }) },
};

export const VerifyEmailExpiredSignedOut: Story = { render: () => <VerifyEmailPage />, parameters: { screen: verify('expired-token') } };
