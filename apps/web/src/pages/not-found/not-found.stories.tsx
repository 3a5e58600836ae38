import type { Meta, StoryObj } from '@storybook/react-vite';
import { mocks, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { NotFoundPage } from './not-found.page.tsx';

const meta = {
  title: 'Screens/Not found',
  component: NotFoundPage,
  decorators: [screenDecorator],
  parameters: { layout: 'fullscreen', screen: { path: '*', url: '/no/such/page' } satisfies ScreenParameters, msw: mocks() },
} satisfies Meta<typeof NotFoundPage>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const French: Story = { parameters: { screen: { path: '*', url: '/nulle/part', language: 'fr' } satisfies ScreenParameters } };
