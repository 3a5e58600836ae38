import type { Meta, StoryObj } from '@storybook/react-vite';
import { enableMockTwoFactor, MOCK_SPENT_TOTP_CODE, states, trpcMsw } from '@veza/mocks';
import { expect, userEvent, within } from 'storybook/test';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { LoginPage } from './login.page.tsx';

const meta = {
  title: 'Screens/Log in',
  component: LoginPage,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => resetMocksFor(parameters.screen as ScreenParameters),
  parameters: { layout: 'fullscreen', screen: { path: '/login', url: '/login?next=%2Fupload' } satisfies ScreenParameters, msw: mocks() },
} satisfies Meta<typeof LoginPage>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Try ana / password123. */
export const Default: Story = {};

export const ClientValidation: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Log in' }));
    await expect(canvas.getByLabelText('Email or username')).toHaveAttribute('aria-invalid', 'true');
  },
};

export const WrongPassword: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Email or username'), 'ana');
    await userEvent.type(canvas.getByLabelText('Password'), 'not the password');
    await userEvent.click(canvas.getByRole('button', { name: 'Log in' }));
    await expect(await canvas.findByText('Incorrect email, username or password.')).toBeVisible();
  },
};

export const Submitting: Story = {
  parameters: { msw: mocks(states.loading('auth.login')) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Email or username'), 'ana');
    await userEvent.type(canvas.getByLabelText('Password'), 'password123');
    await userEvent.click(canvas.getByRole('button', { name: 'Log in' }));
  },
};

export const ServerDown: Story = {
  parameters: { msw: mocks(states.error('auth.login')) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Email or username'), 'ana');
    await userEvent.type(canvas.getByLabelText('Password'), 'password123');
    await userEvent.click(canvas.getByRole('button', { name: 'Log in' }));
    await expect(await canvas.findByText('Something went wrong on our side. Please try again.')).toBeVisible();
  },
};

export const French: Story = { parameters: { screen: { path: '/login', url: '/login', language: 'fr' } satisfies ScreenParameters } };

/** ana with two-factor authentication on: after the password, the 6-digit code (123456 in the mocks). */
export const SecondFactor: Story = {
  beforeEach: () => enableMockTwoFactor('ana'),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Email or username'), 'ana');
    await userEvent.type(canvas.getByLabelText('Password'), 'password123');
    await userEvent.click(canvas.getByRole('button', { name: 'Log in' }));
    await expect(await canvas.findByLabelText('6-digit code')).toHaveFocus();
  },
};

export const SecondFactorWrongCode: Story = {
  beforeEach: () => enableMockTwoFactor('ana'),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Email or username'), 'ana');
    await userEvent.type(canvas.getByLabelText('Password'), 'password123');
    await userEvent.click(canvas.getByRole('button', { name: 'Log in' }));
    await userEvent.type(await canvas.findByLabelText('6-digit code'), '000000');
    await userEvent.click(canvas.getByRole('button', { name: 'Verify' }));
    // Said once, in the alert.
    await expect(await canvas.findByText(/That code is not right/, { selector: '[role=alert]' })).toBeVisible();
  },
};

/** The code that just turned 2FA on is spent for its 30 seconds: wait for the next one. */
export const SecondFactorCodeJustUsed: Story = {
  beforeEach: () => enableMockTwoFactor('ana'),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Email or username'), 'ana');
    await userEvent.type(canvas.getByLabelText('Password'), 'password123');
    await userEvent.click(canvas.getByRole('button', { name: 'Log in' }));
    await userEvent.type(await canvas.findByLabelText('6-digit code'), MOCK_SPENT_TOTP_CODE);
    await userEvent.click(canvas.getByRole('button', { name: 'Verify' }));
    await expect(await canvas.findByText(/This code was just used/, { selector: '[role=alert]' })).toBeVisible();
  },
};

export const SecondFactorRecoveryCode: Story = {
  beforeEach: () => enableMockTwoFactor('ana'),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Email or username'), 'ana');
    await userEvent.type(canvas.getByLabelText('Password'), 'password123');
    await userEvent.click(canvas.getByRole('button', { name: 'Log in' }));
    await userEvent.click(await canvas.findByRole('button', { name: 'Use a recovery code' }));
    await expect(canvas.getByLabelText('Recovery code')).toHaveFocus();
  },
};

export const OAuthFailed: Story = { parameters: { screen: { path: '/login', url: '/login?oauthError=email_in_use' } satisfies ScreenParameters } };

export const AfterPasswordReset: Story = { parameters: { screen: { path: '/login', url: '/login?notice=password_reset' } satisfies ScreenParameters } };

export const NoOAuthProviders: Story = { parameters: { msw: mocks(trpcMsw.oauth.providers.query(() => [])) } };
