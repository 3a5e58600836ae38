import type { Meta, StoryObj } from '@storybook/react-vite';
import { states } from '@veza/mocks';
import { expect, userEvent, within } from 'storybook/test';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { SignupPage } from './signup.page.tsx';

const meta = {
  title: 'Screens/Sign up',
  component: SignupPage,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => resetMocksFor(parameters.screen as ScreenParameters),
  parameters: { layout: 'fullscreen', screen: { path: '/signup', url: '/signup' } satisfies ScreenParameters, msw: mocks() },
} satisfies Meta<typeof SignupPage>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};

export const ClientValidation: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Email'), 'not-an-email');
    await userEvent.type(canvas.getByLabelText('Username'), 'a');
    await userEvent.type(canvas.getByLabelText('Password'), 'short');
    await userEvent.click(canvas.getByRole('button', { name: 'Create account' }));
    await expect(canvas.getByText('Enter a valid email address.')).toBeVisible();
  },
};

/** The mock back end reports "taken" (and existing accounts such as "ana") as taken. */
export const UsernameTaken: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Email'), 'new@example.com');
    await userEvent.type(canvas.getByLabelText('Username'), 'taken');
    await userEvent.type(canvas.getByLabelText('Password'), 'long enough password');
    await userEvent.click(canvas.getByRole('button', { name: 'Create account' }));
    await expect((await canvas.findAllByText('This username is already taken.')).length).toBeGreaterThan(0);
  },
};

/** "ma ya!" breaks the username rule: said when the field is left, before any submit. */
export const UsernameRuleOnBlur: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Username'), 'ma ya!');
    await userEvent.tab();
    await expect(canvas.getByText(/Use letters, digits, dots, dashes or underscores/)).toBeVisible();
  },
};

export const Submitting: Story = {
  parameters: { msw: mocks(states.loading('auth.register')) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Email'), 'zoe@example.com');
    await userEvent.type(canvas.getByLabelText('Username'), 'zoe');
    await userEvent.type(canvas.getByLabelText('Password'), 'long enough password');
    await userEvent.click(canvas.getByRole('button', { name: 'Create account' }));
  },
};

export const French: Story = { parameters: { screen: { path: '/signup', url: '/signup', language: 'fr' } satisfies ScreenParameters } };
