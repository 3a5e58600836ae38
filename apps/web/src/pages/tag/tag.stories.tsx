import type { Meta, StoryObj } from '@storybook/react-vite';
import { states } from '@veza/mocks';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { TagPage } from './tag.page.tsx';

const at = (tag: string, language?: 'en' | 'fr'): ScreenParameters => ({ path: '/tags/:tag', url: `/tags/${encodeURIComponent(tag)}`, ...(language ? { language } : {}) });

const meta = {
  title: 'Screens/Tag',
  component: TagPage,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => resetMocksFor(parameters.screen as ScreenParameters),
  parameters: { layout: 'fullscreen', screen: at('ambient'), msw: mocks() },
} satisfies Meta<typeof TagPage>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The public tracks tagged "ambient". */
export const Default: Story = {};
export const Loading: Story = { parameters: { msw: mocks(states.loading('tracks.list')) } };
export const Empty: Story = { parameters: { screen: at('polka') } };
export const Error: Story = { parameters: { msw: mocks(states.error('tracks.list')) } };
/** A tag no track could carry ("#nope"): said at once, nothing asked of the server. */
export const InvalidTag: Story = { parameters: { screen: at('#nope') } };
export const French: Story = { parameters: { screen: at('field recording', 'fr') } };
