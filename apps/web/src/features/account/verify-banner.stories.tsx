import type { Meta, StoryObj } from '@storybook/react-vite';
import { db, states } from '@veza/mocks';
import { expect, userEvent, within } from 'storybook/test';
import { storyUsers } from '../../test/story-users.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { VerifyBanner } from './verify-banner.tsx';

const unverified = { ...storyUsers.ana, emailVerified: false };

const meta = {
  title: 'Features/Verify email banner',
  component: VerifyBanner,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => {
    sessionStorage.removeItem('veza.verifyBanner.dismissed');
    resetMocksFor(parameters.screen as ScreenParameters);
    const ana = db.users.find((u) => u.username === 'ana');
    if (ana) ana.emailVerified = false;
  },
  parameters: { screen: { session: unverified } satisfies ScreenParameters, msw: mocks() },
} satisfies Meta<typeof VerifyBanner>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Unverified: Story = {};

export const Resent: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Send a new link' }));
    await expect(await canvas.findByText('Sent. Check your inbox.')).toBeVisible();
  },
};

export const ResendRateLimited: Story = {
  parameters: { msw: mocks(states.error('account.sendVerification', 'TOO_MANY_REQUESTS', 'Too many attempts. Please wait a moment and try again.')) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Send a new link' }));
    await expect(await canvas.findByText('Too many attempts. Please wait a moment and try again.')).toBeVisible();
  },
};

/** Verified users see nothing. */
export const Verified: Story = { parameters: { screen: { session: storyUsers.ana } satisfies ScreenParameters } };

export const French: Story = { parameters: { screen: { session: unverified, language: 'fr' } satisfies ScreenParameters } };
