import type { Meta, StoryObj } from '@storybook/react-vite';
import { fixtures, MOCK_SHARE_TOKENS, MockTrpcError, sharesMock, trpcMsw } from '@veza/mocks';
import { delay } from 'msw';
import { expect, within } from 'storybook/test';
import { storyUsers } from '../../test/story-users.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { SharePage } from './share.page.tsx';

const DEMO = fixtures.tracks.find((t) => t.title === 'Demo — unfinished')!;
const at = (token: string, session: ScreenParameters['session'] = null, language: ScreenParameters['language'] = 'en'): ScreenParameters => ({ path: '/share/:token', url: `/share/${token}`, session, language });

const meta = {
  title: 'Pages/Share link',
  component: SharePage,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => {
    resetMocksFor(parameters.screen as ScreenParameters);
    sharesMock.seed(DEMO.id);
  },
  parameters: { screen: at(MOCK_SHARE_TOKENS.active), msw: mocks() },
} satisfies Meta<typeof SharePage>;
export default meta;
type Story = StoryObj<typeof meta>;

/** A live link to a private track, opened signed out: the track, its waveform, Play, until when the link works. */
export const Active: Story = {
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('heading', { level: 1, name: DEMO.title })).toBeVisible();
    await expect(within(canvasElement).getByText('Shared privately by Ana Lima')).toBeVisible();
  },
};
/** The owner opening their own link: a way on to the track's page. */
export const ActiveAsOwner: Story = { parameters: { screen: at(MOCK_SHARE_TOKENS.active, storyUsers.ana) } };
export const Revoked: Story = {
  parameters: { screen: at(MOCK_SHARE_TOKENS.revoked) },
  play: async ({ canvasElement }) => expect(await within(canvasElement).findByText('This link was turned off', { selector: 'p' })).toBeVisible(),
};
export const Expired: Story = {
  parameters: { screen: at(MOCK_SHARE_TOKENS.expired) },
  play: async ({ canvasElement }) => expect(await within(canvasElement).findByText('This link has expired', { selector: 'p' })).toBeVisible(),
};
export const Unknown: Story = { parameters: { screen: at('A'.repeat(43)) } };
export const Loading: Story = {
  parameters: { msw: mocks(trpcMsw.shares.track.query(async () => { await delay('infinite'); throw new Error('never'); })) },
};
export const ServerError: Story = {
  parameters: { msw: mocks(trpcMsw.shares.track.query(() => { throw new MockTrpcError('INTERNAL_SERVER_ERROR', 'Something went wrong on our side. Please try again.'); })) },
};
export const French: Story = { parameters: { screen: at(MOCK_SHARE_TOKENS.active, null, 'fr') } };
export const ExpiredFrench: Story = { parameters: { screen: at(MOCK_SHARE_TOKENS.expired, null, 'fr') } };
/** On a phone (390 px): the cover above the title. */
export const OnPhone: Story = { globals: { viewport: { value: 'mobile2', isRotated: false } } };
