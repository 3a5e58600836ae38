import type { Meta, StoryObj } from '@storybook/react-vite';
import { notificationsMock, states } from '@veza/mocks';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { fakePushBrowser } from '../../features/notifications/push-client.fake.ts';
import { setPushBrowser } from '../../features/notifications/push-client.ts';
import { storyUsers } from '../../test/story-users.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { NotificationsPage } from './notifications.page.tsx';

const as = (language: ScreenParameters['language'] = 'en'): ScreenParameters => ({ path: '/notifications', url: '/notifications', session: storyUsers.ana, language });

const meta = {
  title: 'Screens/Notifications',
  component: NotificationsPage,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => {
    resetMocksFor(parameters.screen as ScreenParameters);
    localStorage.setItem('veza.pushPrompt.dismissed', '1');
    setPushBrowser(fakePushBrowser('default'));
    (parameters.setup as (() => void) | undefined)?.();
    return () => setPushBrowser(null);
  },
  parameters: { layout: 'fullscreen', screen: as(), msw: mocks() },
} satisfies Meta<typeof NotificationsPage>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Every group, newest first: unread ones first in bold with a "Mark as read" button. */
export const List: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const list = await canvas.findByRole('list', { name: 'Notifications' });
    await expect(within(list).getAllByRole('listitem')).toHaveLength(5);
    await expect(canvas.getByRole('link', { name: 'Marc Dubois followed you' })).toHaveAttribute('href', '/u/marc.dubois');
    await expect(canvas.getByRole('link', { name: 'A security setting of your account changed' })).toHaveAttribute('href', '/settings/security');
    await expect(canvas.getByRole('link', { name: 'Notification settings' })).toHaveAttribute('href', '/settings/notifications');
  },
};

/** "Unread only" asks the server for the unread groups only; "Mark all as read" empties that list. */
export const UnreadOnly: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('list', { name: 'Notifications' });
    await userEvent.click(canvas.getByRole('checkbox', { name: 'Unread only' }));
    const list = await canvas.findByRole('list', { name: 'Unread notifications' });
    await expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    await userEvent.click(await canvas.findByRole('button', { name: 'Mark all as read' }, { timeout: 5000 }));
    await expect(await canvas.findByText('No unread notifications')).toBeVisible();
    await waitFor(() => expect(notificationsMock.groupsOf('ana').every((g) => g.read)).toBe(true));
    // Back to every group: all of them, read.
    await userEvent.click(canvas.getByRole('checkbox', { name: 'Unread only' }));
    await expect(within(await canvas.findByRole('list', { name: 'Notifications' })).getAllByRole('listitem')).toHaveLength(5);
  },
};

/**
 * Unread groups far apart (every other one of 60 is read): the first unread page holds 20 of them, "Show more" the
 * other 10; nothing read shows.
 */
export const UnreadOnlyPaging: Story = {
  parameters: {
    setup: () => {
      notificationsMock.many('ana', 60);
      for (const g of notificationsMock.groupsOf('ana')) g.read = Number(g.seq) % 2 === 0;
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('list', { name: 'Notifications' });
    await userEvent.click(canvas.getByRole('checkbox', { name: 'Unread only' }));
    const list = await canvas.findByRole('list', { name: 'Unread notifications' });
    await expect(within(list).getAllByRole('listitem')).toHaveLength(20);
    await userEvent.click(canvas.getByRole('button', { name: 'Show more' }));
    await expect(await within(list).findByRole('link', { name: /liked “Track 1”/ })).toBeVisible();
    await expect(within(list).getAllByRole('listitem')).toHaveLength(30);
    await expect(within(list).queryByRole('link', { name: /liked “Track 2”/ })).toBeNull();
    await expect(canvas.queryByRole('button', { name: 'Show more' })).toBeNull();
  },
};

/** Nothing unread: the filter says so (not "all caught up" with an empty centre). */
export const UnreadOnlyEmpty: Story = {
  parameters: { setup: () => notificationsMock.many('ana', 3, true) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('list', { name: 'Notifications' });
    await userEvent.click(canvas.getByRole('checkbox', { name: 'Unread only' }));
    await expect(await canvas.findByText('No unread notifications')).toBeVisible();
    await expect(canvas.getByText('You have read everything. Untick “Unread only” to see them all.')).toBeVisible();
    await expect(canvas.getByRole('checkbox', { name: 'Unread only' })).toBeChecked();
  },
};

/** The list could not be loaded: the heading and the filter stay, with a retry. */
export const ErrorKeepsFilter: Story = {
  parameters: { msw: mocks(states.error('notifications.list')) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Notifications could not be loaded')).toBeVisible();
    await expect(canvas.getByRole('checkbox', { name: 'Unread only' })).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Try again' })).toBeVisible();
  },
};

/** More than a page: "Show more" loads the next 20. */
export const Paging: Story = {
  parameters: { setup: () => notificationsMock.many('ana', 30) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const list = await canvas.findByRole('list', { name: 'Notifications' });
    await expect(within(list).getAllByRole('listitem')).toHaveLength(20);
    await userEvent.click(canvas.getByRole('button', { name: 'Show more' }));
    await expect(await within(list).findByRole('link', { name: /liked “Track 1”/ })).toBeVisible();
    await expect(within(list).getAllByRole('listitem')).toHaveLength(30);
  },
};

export const Empty: Story = {
  parameters: { setup: () => notificationsMock.clear('ana') },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText("You're all caught up")).toBeVisible();
  },
};

export const Loading: Story = {
  parameters: { msw: mocks(states.loading('notifications.list')) },
};

export const Error: Story = {
  parameters: { msw: mocks(states.error('notifications.list')) },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Notifications could not be loaded')).toBeVisible();
  },
};

/** The push offer on the page too, until dismissed. */
export const WithPushOffer: Story = {
  parameters: { setup: () => localStorage.removeItem('veza.pushPrompt.dismissed') },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('region', { name: 'Notifications on this device' })).toBeVisible();
  },
};

export const French: Story = {
  parameters: { screen: as('fr') },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('link', { name: 'Marc Dubois vous suit' })).toBeVisible();
  },
};
