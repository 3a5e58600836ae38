import type { Meta, StoryObj } from '@storybook/react-vite';
import { groupsMock, states } from '@veza/mocks';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { storyUsers } from '../../test/story-users.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { GroupsPage } from './groups.page.tsx';

const as = (session: ScreenParameters['session'], language: ScreenParameters['language'] = 'en'): ScreenParameters => ({ path: '/groups', url: '/groups', session, language });

const meta = {
  title: 'Screens/Groups/List',
  component: GroupsPage,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => {
    resetMocksFor(parameters.screen as ScreenParameters);
    (parameters.setup as (() => void) | undefined)?.();
  },
  // Ana owns "Lo-fi Night Club" (public) and "Tape Club" (private); Marc owns "Synthés de Paris".
  parameters: { layout: 'fullscreen', screen: as(storyUsers.ana), msw: mocks() },
} satisfies Meta<typeof GroupsPage>;
export default meta;
type Story = StoryObj<typeof meta>;

/** My groups (with my role) and the public groups to browse; "New group" opens the form. */
export const SignedIn: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const mine = await canvas.findByRole('list', { name: 'My groups' });
    await expect(within(mine).getByRole('link', { name: 'Tape Club' })).toBeVisible();
    await expect(within(mine).getAllByText('Owner')).toHaveLength(2);
    const browse = await canvas.findByRole('list', { name: 'Public groups' });
    await expect(within(browse).getByRole('link', { name: 'Synthés de Paris' })).toHaveAttribute('href', '/groups/synth-paris');
    await expect(within(browse).queryByRole('link', { name: 'Tape Club' })).toBeNull();
    await expect(canvas.getByRole('link', { name: 'New group' })).toHaveAttribute('href', '/groups/new');
  },
};
/** Searching filters the public groups by name as one types; no match says so. */
export const Search: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const search = await canvas.findByRole('searchbox', { name: 'Search groups by name' });
    await userEvent.type(search, 'synth');
    await waitFor(() => expect(within(canvas.getByRole('list', { name: 'Public groups' })).getAllByRole('listitem')).toHaveLength(1));
    await userEvent.clear(search);
    await userEvent.type(search, 'zzz');
    await expect(await canvas.findByText('No public group is called “zzz”')).toBeVisible();
  },
};
/** Inès was invited to Tape Club: Accept makes her a member (it moves to her groups). */
export const Invitation: Story = {
  parameters: { screen: as(storyUsers.ines) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const invitations = await canvas.findByRole('list', { name: 'Invitations' });
    await expect(within(invitations).getByText('Ana Lima invited you')).toBeVisible();
    await userEvent.click(within(invitations).getByRole('button', { name: 'Accept the invitation to Tape Club' }));
    const mine = await canvas.findByRole('list', { name: 'My groups' });
    await expect(await within(mine).findByRole('link', { name: 'Tape Club' })).toBeVisible();
    await waitFor(() => expect(canvas.queryByRole('list', { name: 'Invitations' })).toBeNull());
  },
};
/** Declining drops the invitation. */
export const DeclineInvitation: Story = {
  parameters: { screen: as(storyUsers.ines) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Decline the invitation to Tape Club' }));
    await waitFor(() => expect(canvas.queryByRole('list', { name: 'Invitations' })).toBeNull());
  },
};
/** Signed out: public groups only, no "New group". */
export const SignedOut: Story = {
  parameters: { screen: as(null) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('list', { name: 'Public groups' })).toBeVisible();
    await expect(canvas.queryByRole('heading', { name: 'My groups' })).toBeNull();
    await expect(canvas.queryByRole('link', { name: 'New group' })).toBeNull();
  },
};
/** No groups at all: both lists say so. */
export const Empty: Story = {
  parameters: { setup: () => groupsMock.clear() },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('You are not in any group yet')).toBeVisible();
    await expect(await canvas.findByText('No public groups yet')).toBeVisible();
  },
};
/** More than a page of public groups: "Show more" loads the rest. */
export const Paging: Story = {
  parameters: { setup: () => groupsMock.many(25) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const browse = await canvas.findByRole('list', { name: 'Public groups' });
    await expect(within(browse).getAllByRole('listitem')).toHaveLength(20);
    await userEvent.click(canvas.getByRole('button', { name: 'Show more' }));
    await expect(await within(browse).findByRole('link', { name: 'Crew 25' })).toBeVisible();
  },
};
export const Loading: Story = { parameters: { msw: mocks(states.loading('groups.list'), states.loading('groups.mine')) } };
/** The API fails: each list says so, with Retry. */
export const Error: Story = {
  parameters: { msw: mocks(states.error('groups.list'), states.error('groups.mine')) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('We could not load the groups')).toBeVisible();
    await expect(await canvas.findByText('We could not load your groups')).toBeVisible();
  },
};
export const OnPhone: Story = { globals: { viewport: { value: 'mobile2', isRotated: false } } };
export const French: Story = {
  parameters: { screen: as(storyUsers.ana, 'fr') },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('heading', { name: 'Mes groupes' })).toBeVisible();
  },
};
