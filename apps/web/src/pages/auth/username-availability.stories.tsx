import type { Meta, StoryObj } from '@storybook/react-vite';
import { states } from '@veza/mocks';
import { userEvent, within } from 'storybook/test';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { SignupPage } from './signup.page.tsx';

const typeUsername = (name: string) => async ({ canvasElement }: { canvasElement: HTMLElement }) => {
  await userEvent.type(within(canvasElement).getByLabelText(/Username|Nom d'utilisateur/), name);
};

/** The sign-up form's live username check (account.usernameAvailable, debounced). */
const meta = {
  title: 'Screens/Sign up/Username availability',
  component: SignupPage,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => resetMocksFor(parameters.screen as ScreenParameters),
  parameters: { layout: 'fullscreen', screen: { path: '/signup', url: '/signup' } satisfies ScreenParameters, msw: mocks() },
} satisfies Meta<typeof SignupPage>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Available: Story = { play: typeUsername('zoe.k') };
export const Taken: Story = { play: typeUsername('ana') };
export const Reserved: Story = { play: typeUsername('admin') };
export const Lookalike: Story = { play: typeUsername('an4') };
export const Checking: Story = { parameters: { msw: mocks(states.loading('account.usernameAvailable')) }, play: typeUsername('zoe.k') };
export const French: Story = {
  parameters: { screen: { path: '/signup', url: '/signup', language: 'fr' } satisfies ScreenParameters },
  play: typeUsername('admin'),
};
