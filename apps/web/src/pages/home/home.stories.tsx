import type { Meta, StoryObj } from '@storybook/react-vite';
import { states } from '@veza/mocks';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { HomePage } from './home.page.tsx';

const meta = {
  title: 'Screens/Home',
  component: HomePage,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => resetMocksFor(parameters.screen as ScreenParameters),
  parameters: { layout: 'fullscreen', screen: { path: '/', url: '/' } satisfies ScreenParameters, msw: mocks() },
} satisfies Meta<typeof HomePage>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const Loading: Story = { parameters: { msw: mocks(states.loading('tracks.list')) } };
export const Empty: Story = { parameters: { msw: mocks(states.emptyTracks()) } };
export const Error: Story = { parameters: { msw: mocks(states.error('tracks.list')) } };
export const French: Story = { parameters: { screen: { path: '/', url: '/', language: 'fr' } satisfies ScreenParameters } };
