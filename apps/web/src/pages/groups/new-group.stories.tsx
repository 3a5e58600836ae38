import type { Meta, StoryObj } from '@storybook/react-vite';
import { states } from '@veza/mocks';
import { expect, userEvent, within } from 'storybook/test';
import { storyUsers } from '../../test/story-users.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { NewGroupPage } from './new-group.page.tsx';

const as = (session: ScreenParameters['session'], language: ScreenParameters['language'] = 'en'): ScreenParameters => ({ path: '/groups/new', url: '/groups/new', session, language });

const meta = {
  title: 'Screens/Groups/New',
  component: NewGroupPage,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => resetMocksFor(parameters.screen as ScreenParameters),
  parameters: { layout: 'fullscreen', screen: as(storyUsers.lea), msw: mocks() },
} satisfies Meta<typeof NewGroupPage>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Form: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('switch', { name: 'Public group' })).toBeChecked();
    await expect(canvas.getByText('JPEG, PNG or WebP, up to 5 MB.')).toBeVisible();
  },
};
/** Created (private): a toast, and the group's page opens. */
export const Create: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(await canvas.findByRole('textbox', { name: /Name/ }), 'Sunday Sessions');
    await userEvent.type(canvas.getByRole('textbox', { name: 'Description' }), 'Slow songs only.');
    await userEvent.click(canvas.getByRole('switch', { name: 'Public group' }));
    await expect(canvas.getByText(/only members see its feed/)).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Create the group' }));
    await expect(await canvas.findByText('Sunday Sessions is ready.')).toBeVisible();
    await expect(await canvas.findByTestId('location')).toHaveTextContent('/groups/sunday-sessions');
  },
};
/** The shared schema refuses an empty name before anything is sent; focus goes to the field. */
export const EmptyName: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Create the group' }));
    await expect(await canvas.findByText('Give the group a name.')).toBeVisible();
    await expect(canvas.getByRole('textbox', { name: /Name/ })).toHaveFocus();
  },
};
/** The API's field errors show under their fields. */
export const ServerFieldError: Story = {
  parameters: { msw: mocks(states.error('groups.create', 'BAD_REQUEST', 'Names cannot contain control characters.', { name: ['Names cannot contain control characters.'] })) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(await canvas.findByRole('textbox', { name: /Name/ }), 'Odd name');
    await userEvent.click(canvas.getByRole('button', { name: 'Create the group' }));
    await expect(await canvas.findAllByText('Names cannot contain control characters.')).not.toHaveLength(0);
  },
};
/** A chosen image that is not one is refused at once. */
export const WrongAvatarType: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const input = canvasElement.querySelector<HTMLInputElement>('input[type="file"]');
    if (!input) throw new globalThis.Error('no file input');
    await userEvent.upload(input, new File(['hello'], 'notes.txt', { type: 'text/plain' }), { applyAccept: false });
    await expect(await canvas.findByText('Choose a JPEG, PNG or WebP image.')).toBeVisible();
  },
};
export const OnPhone: Story = { globals: { viewport: { value: 'mobile2', isRotated: false } } };
export const French: Story = {
  parameters: { screen: as(storyUsers.lea, 'fr') },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Créer le groupe' }));
    await expect(await canvas.findByText('Donnez un nom au groupe.')).toBeVisible();
  },
};
