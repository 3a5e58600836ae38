import type { Meta, StoryObj } from '@storybook/react-vite';
import { notificationsMock, states } from '@veza/mocks';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { fakePushBrowser } from '../../../features/notifications/push-client.fake.ts';
import { setPushBrowser, type PushBrowser } from '../../../features/notifications/push-client.ts';
import { storyUsers } from '../../../test/story-users.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../../test/story.tsx';
import { InLayout } from '../settings-story.tsx';
import { NotificationSettingsPage } from './notifications-settings.page.tsx';

const at = (language: 'en' | 'fr' = 'en'): ScreenParameters => ({ path: '/settings/*', url: '/settings/notifications', session: storyUsers.ana, language });

const meta = {
  title: 'Screens/Settings/Notifications',
  component: NotificationSettingsPage,
  render: () => <InLayout area="settings" page="notifications" screen={<NotificationSettingsPage />} />,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => {
    resetMocksFor(parameters.screen as ScreenParameters);
    setPushBrowser((parameters.pushBrowser as (() => PushBrowser) | undefined)?.() ?? fakePushBrowser('default'));
    (parameters.setup as (() => void) | undefined)?.();
    return () => setPushBrowser(null);
  },
  parameters: { layout: 'fullscreen', screen: at(), msw: mocks() },
} satisfies Meta<typeof NotificationSettingsPage>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Kind × channel switches with the defaults; security's in-app and email locked on; push offered for this browser. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('switch', { name: 'Comments and replies: Email' })).toBeChecked();
    await expect(canvas.getByRole('switch', { name: 'Likes: Push' })).not.toBeChecked();
    await expect(canvas.getByRole('switch', { name: 'Security notices: Email' })).toBeDisabled();
    await expect(canvas.getByRole('switch', { name: 'Security notices: Email' })).toBeChecked();
    await expect(canvas.getByRole('combobox', { name: 'Email digest' })).toHaveValue('weekly');
    await expect(await canvas.findByRole('button', { name: 'Turn on' })).toBeVisible();
    await expect(canvas.getByRole('link', { name: 'Notifications' })).toHaveAttribute('aria-current', 'page');
  },
};

/** A switch saves at once. */
export const Saving: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('switch', { name: 'Likes: Push' }));
    await expect(canvas.getByRole('switch', { name: 'Likes: Push' })).toBeChecked();
    await expect(await canvas.findByText('Saved.')).toBeVisible();
    await expect(notificationsMock.preferencesOf('ana').likes.push).toBe(true);
    await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Email digest' }), 'daily');
    await waitFor(() => expect(notificationsMock.digestOf('ana')).toBe('daily'));
  },
};

/** Saving fails: the switch goes back, the error says why. */
export const SaveError: Story = {
  parameters: { setup: () => notificationsMock.failUpdates(true) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('switch', { name: 'Mentions: Email' }));
    await expect(await canvas.findByRole('alert')).toHaveTextContent('Your change was not saved');
    await expect(canvas.getByRole('switch', { name: 'Mentions: Email' })).not.toBeChecked();
  },
};

export const Loading: Story = {
  parameters: { msw: mocks(states.loading('notifications.preferences.get')) },
};

export const LoadError: Story = {
  parameters: { msw: mocks(states.error('notifications.preferences.get')) },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Your notification settings could not be loaded')).toBeVisible();
  },
};

/** Turning push on for this browser lists it among the browsers that get push. */
export const PushTurnOn: Story = {
  parameters: { setup: () => notificationsMock.addDevice('ana') },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Turn on' }));
    await expect(await canvas.findByText('Push notifications are on for this browser.')).toBeVisible();
    const devices = within(await canvas.findByRole('list', { name: 'Browsers getting push notifications' }));
    await expect(await devices.findByText('This browser')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Turn off on this browser' }));
    await expect(await canvas.findByText('Push notifications are off for this browser.')).toBeVisible();
  },
};

/** Blocked in the browser: how to allow it. */
export const PushDenied: Story = {
  parameters: { pushBrowser: () => fakePushBrowser('denied') },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText(/Notifications are blocked for Veza in this browser/)).toBeVisible();
  },
};

/** No Push API in this browser. */
export const PushUnsupported: Story = {
  parameters: { pushBrowser: () => fakePushBrowser('unsupported') },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText(/This browser cannot receive push notifications/)).toBeVisible();
  },
};

/** The server sends no push: the Push column is off, and it says so. */
export const PushUnavailable: Story = {
  parameters: { setup: () => notificationsMock.setPushAvailable(false) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('This Veza server does not send push notifications.')).toBeVisible();
    await expect(await canvas.findByRole('switch', { name: 'Comments and replies: Push' })).toBeDisabled();
  },
};

export const French: Story = {
  parameters: { screen: at('fr') },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('switch', { name: 'J\'aime : Push' })).toBeVisible();
  },
};

/** The browser's push service cannot be reached (offline, a browser without one): said plainly, nothing subscribed. */
export const PushServiceFails: Story = {
  parameters: { pushBrowser: () => fakePushBrowser('default', { serviceFails: true }) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Turn on' }));
    await expect(await canvas.findByRole('alert')).toHaveTextContent('This browser could not reach its push service.');
    await expect(notificationsMock.devicesOf('ana')).toHaveLength(0);
  },
};
