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

const devicesList = async (canvasElement: HTMLElement) => within(await within(canvasElement).findByRole('list', { name: 'Browsers getting push notifications' }));
/** Push on in this browser (listed as "This browser"), and `others` more browsers of ana's. */
const withDevices = (others: number) => () => {
  notificationsMock.addDevice('ana', { current: true, browser: 'Chrome 131', os: 'Linux', lastPushedAt: null });
  const more = [{ browser: 'Firefox 133', os: 'Windows 10' }, { browser: 'Safari 18', os: 'iOS 18', device: 'mobile' as const }];
  for (const device of more.slice(0, others)) notificationsMock.addDevice('ana', device);
};
const pushOn = () => fakePushBrowser('granted', { subscribed: true });

/** One other browser gets push: it can be removed from here. */
export const PushDevicesOne: Story = {
  parameters: { setup: () => notificationsMock.addDevice('ana') },
  play: async ({ canvasElement }) => {
    const devices = await devicesList(canvasElement);
    await expect(devices.getAllByRole('listitem', { name: /./ })).toHaveLength(1);
    await expect(devices.getByRole('button', { name: 'Remove Firefox 133 · Windows 10' })).toBeVisible();
  },
};

/** Several browsers: this one keeps its on/off control (no Remove); removing another asks first, then it is gone. */
export const PushDevicesSeveral: Story = {
  parameters: { pushBrowser: pushOn, setup: withDevices(2) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Push notifications are on for this browser.')).toBeVisible();
    const devices = await devicesList(canvasElement);
    await expect(devices.getAllByRole('listitem', { name: /./ })).toHaveLength(3);
    const here = devices.getByRole('listitem', { name: 'Chrome 131 · Linux' });
    await expect(within(here).getByText('This browser')).toBeVisible();
    await expect(within(here).queryByRole('button')).toBeNull();
    await expect(canvas.getByRole('button', { name: 'Turn off on this browser' })).toBeVisible();

    // Cancel changes nothing.
    await userEvent.click(devices.getByRole('button', { name: 'Remove Safari 18 · iOS 18' }));
    const dialog = within(await within(document.body).findByRole('dialog', { name: 'Stop push notifications on Safari 18 · iOS 18?' }));
    await userEvent.click(dialog.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(within(document.body).queryByRole('dialog')).toBeNull());
    await expect(notificationsMock.devicesOf('ana')).toHaveLength(3);

    await userEvent.click(devices.getByRole('button', { name: 'Remove Safari 18 · iOS 18' }));
    await userEvent.click(within(await within(document.body).findByRole('dialog')).getByRole('button', { name: 'Remove' }));
    await expect(await within(document.body).findByText('Safari 18 · iOS 18 no longer gets push notifications.')).toBeVisible();
    await waitFor(() => expect(devices.queryByRole('listitem', { name: 'Safari 18 · iOS 18' })).toBeNull());
    await expect(notificationsMock.devicesOf('ana').map((d) => d.browser)).toEqual(['Chrome 131', 'Firefox 133']);
  },
};

/** Removing: the dialog waits for the server, its buttons busy. */
export const PushDeviceRemoving: Story = {
  parameters: { pushBrowser: pushOn, setup: withDevices(1), msw: mocks(states.loading('push.remove')) },
  play: async ({ canvasElement }) => {
    const devices = await devicesList(canvasElement);
    await userEvent.click(await devices.findByRole('button', { name: 'Remove Firefox 133 · Windows 10' }));
    const dialog = within(await within(document.body).findByRole('dialog'));
    await userEvent.click(dialog.getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(dialog.getByRole('button', { name: 'Remove' })).toHaveAttribute('aria-busy', 'true'));
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeDisabled();
  },
};

/** Removing fails: the dialog says why, and the browser is still listed. */
export const PushDeviceRemoveError: Story = {
  parameters: { pushBrowser: pushOn, setup: withDevices(1), msw: mocks(states.error('push.remove')) },
  play: async ({ canvasElement }) => {
    const devices = await devicesList(canvasElement);
    await userEvent.click(await devices.findByRole('button', { name: 'Remove Firefox 133 · Windows 10' }));
    const dialog = within(await within(document.body).findByRole('dialog'));
    await userEvent.click(dialog.getByRole('button', { name: 'Remove' }));
    await expect(await dialog.findByRole('alert')).toHaveTextContent('Something went wrong on our side.');
    await userEvent.click(dialog.getByRole('button', { name: 'Cancel' }));
    await expect(devices.getByRole('listitem', { name: 'Firefox 133 · Windows 10' })).toBeVisible();
    await expect(notificationsMock.devicesOf('ana')).toHaveLength(2);
  },
};

/** Already removed elsewhere (another tab, or its session ended): what was asked is done, the row goes. */
export const PushDeviceAlreadyGone: Story = {
  parameters: { pushBrowser: pushOn, setup: withDevices(1), msw: mocks(states.error('push.remove', 'NOT_FOUND', 'This device no longer gets push notifications.')) },
  play: async ({ canvasElement }) => {
    const devices = await devicesList(canvasElement);
    await userEvent.click(await devices.findByRole('button', { name: 'Remove Firefox 133 · Windows 10' }));
    await userEvent.click(within(await within(document.body).findByRole('dialog')).getByRole('button', { name: 'Remove' }));
    await expect(await within(document.body).findByText('Firefox 133 · Windows 10 no longer gets push notifications.')).toBeVisible();
    await waitFor(() => expect(within(document.body).queryByRole('dialog')).toBeNull());
  },
};

/** In French: the Remove button and its dialog. */
export const PushDevicesFrench: Story = {
  parameters: { screen: at('fr'), setup: () => notificationsMock.addDevice('ana') },
  play: async ({ canvasElement }) => {
    const devices = within(await within(canvasElement).findByRole('list', { name: 'Navigateurs qui reçoivent les notifications push' }));
    await userEvent.click(devices.getByRole('button', { name: 'Retirer Firefox 133 · Windows 10' }));
    await expect(await within(document.body).findByRole('dialog', { name: 'Arrêter les notifications push sur Firefox 133 · Windows 10 ?' })).toBeVisible();
  },
};
