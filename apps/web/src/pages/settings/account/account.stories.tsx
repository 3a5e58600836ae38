import type { Meta, StoryObj } from '@storybook/react-vite';
import { db, states, type MockUser } from '@veza/mocks';
import { expect, userEvent, within } from 'storybook/test';
import { storyUsers } from '../../../test/story-users.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../../test/story.tsx';
import { InLayout } from '../settings-story.tsx';
import { AccountSettingsPage } from './account.page.tsx';

const at = (session: ScreenParameters['session'] = storyUsers.ana, language: 'en' | 'fr' = 'en'): ScreenParameters => ({ path: '/settings/*', url: '/settings/account', session, language });

/** The account page re-reads auth.me: the mock user must say the same as the story's session. */
const patchAna = (patch: Partial<MockUser>) => () => {
  const ana = db.users.find((u) => u.username === 'ana');
  if (ana) Object.assign(ana, patch);
};
const DAY = 86_400_000;

const meta = {
  title: 'Screens/Settings/Account',
  component: AccountSettingsPage,
  render: () => <InLayout area="settings" page="account" screen={<AccountSettingsPage />} />,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => {
    resetMocksFor(parameters.screen as ScreenParameters);
  },
  parameters: { layout: 'fullscreen', screen: at(), msw: mocks() },
} satisfies Meta<typeof AccountSettingsPage>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Verified email, a password, nothing pending. */
export const Default: Story = {};
export const UnverifiedEmail: Story = { parameters: { screen: at({ ...storyUsers.ana, emailVerified: false }) }, beforeEach: patchAna({ emailVerified: false }) };
/** Signed up with a linked account: "Set a password". */
export const NoPasswordYet: Story = { parameters: { screen: at({ ...storyUsers.ana, hasPassword: false }) }, beforeEach: patchAna({ hasPassword: false }) };
export const ChangingEmail: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Change email' }));
    await userEvent.type(canvas.getByLabelText('New email'), 'ana.new@example.com');
    await userEvent.click(canvas.getByRole('button', { name: 'Send the confirmation link' }));
    await expect(await canvas.findByText('Check your inbox at ana.new@example.com')).toBeVisible();
  },
};
export const EmailAlreadyUsed: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Change email' }));
    await userEvent.type(canvas.getByLabelText('New email'), 'marc@example.com');
    await userEvent.click(canvas.getByRole('button', { name: 'Send the confirmation link' }));
  },
};
export const PasswordMismatch: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Change password' }));
    await userEvent.type(canvas.getByLabelText('New password'), 'a long new password');
    await userEvent.type(canvas.getByLabelText('Confirm the new password'), 'another password');
    await userEvent.click(canvas.getAllByRole('button', { name: 'Change password' })[0]!);
    await expect(canvas.getByText('The two passwords do not match.')).toBeVisible();
  },
};
export const ConfirmingDeletion: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Delete my account' }));
    await userEvent.type(within(canvasElement.ownerDocument.body).getByLabelText('Type your username (ana) to confirm'), 'ana');
  },
};
/** After "Delete my account": the banner and the section show the purge date, with "Cancel deletion". */
const pending = { deletionRequestedAt: new Date(Date.now() - 3 * DAY).toISOString(), deletionPurgeAt: new Date(Date.now() + 11 * DAY).toISOString() };
export const DeletionPending: Story = {
  parameters: { screen: at({ ...storyUsers.ana, ...pending }) },
  beforeEach: patchAna(pending),
};
export const ExportFails: Story = {
  parameters: { msw: mocks(states.error('account.export')) },
  play: async ({ canvasElement }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'Download my data' }));
  },
};
export const French: Story = { parameters: { screen: at(storyUsers.ana, 'fr') } };
export const Mobile: Story = { globals: { viewport: { value: 'mobile1' } } };
