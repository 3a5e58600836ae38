import type { Meta, StoryObj } from '@storybook/react-vite';
import { db, fixtures, socialMock, states } from '@veza/mocks';
import { expect, userEvent, within } from 'storybook/test';
import { storyUsers } from '../../test/story-users.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { FollowRequestsPage } from './follow-requests.page.tsx';

const as = (session: ScreenParameters['session'], language: ScreenParameters['language'] = 'en'): ScreenParameters => ({ path: '/follow-requests', url: '/follow-requests', session, language });

const meta = {
  title: 'Screens/Follow requests',
  component: FollowRequestsPage,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => {
    resetMocksFor(parameters.screen as ScreenParameters);
    (parameters.setup as (() => void) | undefined)?.();
  },
  // Inès (private): Léa asks to follow her, and Marc since yesterday.
  parameters: { layout: 'fullscreen', screen: as(storyUsers.ines), msw: mocks(), setup: () => socialMock.ask('marc.dubois', 'ines', new Date(Date.now() - 86_400_000).toISOString()) },
} satisfies Meta<typeof FollowRequestsPage>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Newest first, each with Approve and Decline named after the person. */
export const List: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const list = await canvas.findByRole('list', { name: 'Follow requests' });
    await expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    await expect(canvas.getByRole('button', { name: "Approve Marc Dubois's request" })).toBeVisible();
    await expect(canvas.getByRole('button', { name: "Decline lea_m's request" })).toBeVisible();
  },
};
/** Approved: Marc leaves the list, a toast says he follows me now, focus goes to Léa's request. */
export const Approve: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: "Approve Marc Dubois's request" }));
    await expect(await canvas.findByText('Marc Dubois now follows you.')).toBeVisible();
    await expect(canvas.getByRole('button', { name: "Approve lea_m's request" })).toHaveFocus();
    await expect(within(canvas.getByRole('list', { name: 'Follow requests' })).getAllByRole('listitem')).toHaveLength(1);
  },
};
/** Declined: the person leaves the list (and is not told). */
export const Decline: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: "Decline lea_m's request" }));
    await expect(await canvas.findByText("You declined lea_m's request.")).toBeVisible();
  },
};
/** More than a page: « Show more » loads the next 20. */
export const Paging: Story = {
  parameters: { setup: () => socialMock.askMany('ines', 25) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const list = await canvas.findByRole('list', { name: 'Follow requests' });
    await expect(within(list).getAllByRole('listitem')).toHaveLength(20);
    await userEvent.click(canvas.getByRole('button', { name: 'Show more' }));
    await expect(await within(list).findByRole('link', { name: 'lea_m' })).toBeVisible();
  },
};
/** Nobody waiting (private account). */
export const Empty: Story = {
  parameters: { setup: () => (db.follows = db.follows.filter((f) => f.followeeId !== fixtures.ines.id)) },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('When someone asks to follow you, they show here.')).toBeVisible();
  },
};
/** A public account has none: it says why. */
export const EmptyPublic: Story = { parameters: { screen: as(storyUsers.ana), setup: undefined } };
export const Loading: Story = { parameters: { msw: mocks(states.loading('social.requests')) } };
export const Error: Story = { parameters: { msw: mocks(states.error('social.requests')) } };
export const OnPhone: Story = { globals: { viewport: { value: 'mobile2', isRotated: false } } };
export const French: Story = { parameters: { screen: as(storyUsers.ines, 'fr') } };
