import type { Meta, StoryObj } from '@storybook/react-vite';
import { notificationsMock, states } from '@veza/mocks';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { storyUsers } from '../../test/story-users.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { NotificationBell } from './notification-bell.tsx';
import { fakePushBrowser } from './push-client.fake.ts';
import { setPushBrowser, type PushBrowser } from './push-client.ts';

const as = (language: ScreenParameters['language'] = 'en'): ScreenParameters => ({ path: '/', url: '/', session: storyUsers.ana, language });

/** The bell at the right of a header bar, as in the app. */
function InHeader() {
  return (
    <header style={{ display: 'flex', justifyContent: 'flex-end', padding: '0.75rem 1rem', borderBottom: '1px solid var(--vz-border)', minHeight: '40rem', alignItems: 'flex-start' }}>
      <NotificationBell />
    </header>
  );
}

const meta = {
  title: 'Features/Notifications/Bell',
  component: NotificationBell,
  render: () => <InHeader />,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => {
    resetMocksFor(parameters.screen as ScreenParameters);
    localStorage.removeItem('veza.pushPrompt.dismissed');
    setPushBrowser((parameters.pushBrowser as (() => PushBrowser) | undefined)?.() ?? fakePushBrowser('default'));
    (parameters.setup as (() => void) | undefined)?.();
    return () => setPushBrowser(null);
  },
  // Ana: 2 unread groups ("lea_m and 12 others liked “Night Drive”", a comment), 3 read ones.
  parameters: { layout: 'fullscreen', screen: as(), msw: mocks() },
} satisfies Meta<typeof NotificationBell>;
export default meta;
type Story = StoryObj<typeof meta>;

const openPanel = async (canvasElement: HTMLElement, name: string | RegExp = /^Notifications/) => {
  const canvas = within(canvasElement);
  await userEvent.click(await canvas.findByRole('button', { name }));
  // The panel is React Aria's popover, in a portal: found in the whole page.
  return within(await within(canvasElement.ownerDocument.body).findByRole('dialog', { name: 'Notifications' }));
};

/** Nothing unread: no badge, the plain name. */
export const NoneUnread: Story = {
  parameters: { setup: () => notificationsMock.many('ana', 3, true) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('button', { name: 'Notifications' })).toBeVisible();
    await expect(canvas.queryByTestId('notification-badge')).toBeNull();
  },
};

/** Two unread: the badge, and the count in the button's name. */
export const SomeUnread: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('button', { name: 'Notifications (2 unread)' }, { timeout: 5000 })).toBeVisible();
    await expect(canvas.getByTestId('notification-badge')).toHaveTextContent('2');
  },
};

/** Past 99 the badge reads 99+ (the name keeps the real count). */
export const ManyUnread: Story = {
  parameters: { setup: () => notificationsMock.many('ana', 120) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('button', { name: 'Notifications (120 unread)' }, { timeout: 5000 })).toBeVisible();
    await expect(canvas.getByTestId('notification-badge')).toHaveTextContent('99+');
  },
};

/** Open: grouped notifications with avatars and times; a link to each thing, "See all", settings. */
export const PanelList: Story = {
  play: async ({ canvasElement }) => {
    const panel = await openPanel(canvasElement);
    const list = await panel.findByRole('list', { name: 'Notifications' });
    await expect(within(list).getAllByRole('listitem')).toHaveLength(5);
    await expect(panel.getByRole('link', { name: 'Unread: Marc Dubois and 12 others liked “Night Drive”' })).toHaveAttribute('href', expect.stringMatching(/^\/tracks\//));
    await expect(panel.getByText('That bass line at 1:12 🔥')).toBeVisible();
    await expect(panel.getByRole('link', { name: 'See all notifications' })).toHaveAttribute('href', '/notifications');
  },
};

/** "Mark as read" on one: it reads as read, the badge goes down. */
export const MarkOneRead: Story = {
  play: async ({ canvasElement }) => {
    const panel = await openPanel(canvasElement);
    await userEvent.click(await panel.findByRole('button', { name: 'Mark “Marc Dubois and 12 others liked “Night Drive”” as read' }));
    await expect(await panel.findByRole('link', { name: 'Marc Dubois and 12 others liked “Night Drive”' })).toBeVisible();
    await expect(await within(canvasElement).findByRole('button', { name: 'Notifications (1 unread)' })).toBeVisible();
  },
};

/** "Mark all as read": no unread left, no badge, the button goes. */
export const MarkAllRead: Story = {
  play: async ({ canvasElement }) => {
    const panel = await openPanel(canvasElement);
    await userEvent.click(await panel.findByRole('button', { name: 'Mark all as read' }));
    await expect(await within(canvasElement).findByRole('button', { name: 'Notifications' })).toBeVisible();
    await expect(within(canvasElement).queryByTestId('notification-badge')).toBeNull();
    await waitFor(() => expect(panel.queryByRole('button', { name: 'Mark all as read' })).toBeNull());
  },
};

/** Following a notification opens the thing, marks it read and closes the panel. */
export const OpenOne: Story = {
  play: async ({ canvasElement }) => {
    const panel = await openPanel(canvasElement);
    await userEvent.click(await panel.findByRole('link', { name: /liked “Night Drive”/ }));
    await expect(await within(canvasElement).findByTestId('location')).toHaveTextContent(/^\/tracks\//);
    // Marked read on the way (and done before the next story starts).
    await waitFor(() => expect(notificationsMock.groupsOf('ana').find((g) => g.id === '5')?.read).toBe(true));
  },
};

/** Keyboard: Enter opens, Tab reaches the items, Escape closes and gives focus back to the bell. */
export const Keyboard: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const bell = await canvas.findByRole('button', { name: 'Notifications (2 unread)' }, { timeout: 5000 });
    bell.focus();
    await userEvent.keyboard('{Enter}');
    await expect(bell).toHaveAttribute('aria-expanded', 'true');
    const page = within(canvasElement.ownerDocument.body);
    const dialog = await page.findByRole('dialog', { name: 'Notifications' });
    const panel = within(dialog);
    await panel.findByRole('list', { name: 'Notifications' });
    // React Aria moves the focus into the dialog as it opens.
    await expect(dialog.contains(document.activeElement)).toBe(true);
    await userEvent.tab();
    await expect(panel.getByRole('button', { name: 'Mark all as read' })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(page.queryByRole('dialog')).toBeNull());
    await expect(bell).toHaveFocus();
  },
};

/** A press outside the panel closes it (React Aria's popover). */
export const OutsidePress: Story = {
  play: async ({ canvasElement }) => {
    const panel = await openPanel(canvasElement);
    await panel.findByRole('list', { name: 'Notifications' });
    await userEvent.click(canvasElement.ownerDocument.body, { skipHover: true });
    await waitFor(() => expect(within(canvasElement.ownerDocument.body).queryByRole('dialog')).toBeNull());
  },
};

/** Loading the list. */
export const PanelLoading: Story = {
  parameters: { msw: mocks(states.loading('notifications.list')) },
  play: async ({ canvasElement }) => {
    const panel = await openPanel(canvasElement);
    await expect(await panel.findByText('Loading notifications…')).toBeInTheDocument();
  },
};

/** Nothing yet. */
export const PanelEmpty: Story = {
  parameters: { setup: () => notificationsMock.clear('ana') },
  play: async ({ canvasElement }) => {
    const panel = await openPanel(canvasElement, 'Notifications');
    await expect(await panel.findByText("You're all caught up")).toBeVisible();
    // Nothing to be notified about yet: no push offer either.
    await expect(panel.queryByRole('region', { name: 'Notifications on this device' })).toBeNull();
  },
};

/** The list fails: the error, and Retry. */
export const PanelError: Story = {
  parameters: { msw: mocks(states.error('notifications.list')) },
  play: async ({ canvasElement }) => {
    const panel = await openPanel(canvasElement);
    await expect(await panel.findByText('Notifications could not be loaded')).toBeVisible();
    await expect(panel.getByRole('button', { name: 'Try again' })).toBeVisible();
  },
};

/** The push offer (supported, not asked yet): "Turn on" subscribes this browser; the offer goes. */
export const PushOfferAccepted: Story = {
  play: async ({ canvasElement }) => {
    const panel = await openPanel(canvasElement);
    const offer = within(await panel.findByRole('region', { name: 'Notifications on this device' }));
    await userEvent.click(offer.getByRole('button', { name: 'Turn on' }));
    await waitFor(() => expect(panel.queryByRole('region', { name: 'Notifications on this device' })).toBeNull());
    await waitFor(() => expect(notificationsMock.devicesOf('ana')).toHaveLength(1));
  },
};

/** The person refuses in the browser's prompt: how to allow it later. */
export const PushOfferDenied: Story = {
  parameters: { pushBrowser: () => fakePushBrowser('default', { refuse: true }) },
  play: async ({ canvasElement }) => {
    const panel = await openPanel(canvasElement);
    await userEvent.click(await panel.findByRole('button', { name: 'Turn on' }));
    await expect(await panel.findByText(/Notifications are blocked for Veza in this browser/)).toBeVisible();
    await expect(notificationsMock.devicesOf('ana')).toHaveLength(0);
  },
};

/** "Not now" hides the offer on this browser. */
export const PushOfferDismissed: Story = {
  play: async ({ canvasElement }) => {
    const panel = await openPanel(canvasElement);
    await userEvent.click(await panel.findByRole('button', { name: 'Not now' }));
    await expect(panel.queryByRole('region', { name: 'Notifications on this device' })).toBeNull();
    await expect(localStorage.getItem('veza.pushPrompt.dismissed')).toBe('1');
  },
};

/** A browser without the Push API, or one where notifications are blocked: no offer. */
export const PushUnsupported: Story = {
  parameters: { pushBrowser: () => fakePushBrowser('unsupported') },
  play: async ({ canvasElement }) => {
    const panel = await openPanel(canvasElement);
    await panel.findByRole('list', { name: 'Notifications' });
    await expect(panel.queryByRole('region', { name: 'Notifications on this device' })).toBeNull();
  },
};

/** En français. */
export const French: Story = {
  parameters: { screen: as('fr') },
  play: async ({ canvasElement }) => {
    const panel = await openPanel(canvasElement, 'Notifications (non lues : 2)');
    await expect(await panel.findByRole('link', { name: 'Non lu : Marc Dubois et 12 autres personnes ont aimé « Night Drive »' })).toBeVisible();
  },
};
