import type { Meta, StoryObj } from '@storybook/react-vite';
import { MockTrpcError, states, trpcMsw } from '@veza/mocks';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { storyUsers } from '../../test/story-users.ts';
import { SearchPage } from './search.page.tsx';

const at = (query: string, extra: Partial<ScreenParameters> = {}): ScreenParameters => ({ path: '/search', url: `/search${query ? `?${query}` : ''}`, ...extra });
const phone = { viewport: { value: 'mobile2', isRotated: false } };
/** The first answer of the mock back end can take a while on a busy machine. */
const slow = { timeout: 4000 };
const titlesIn = (list: HTMLElement) => within(list).getAllByRole('heading', { level: 3 }).map((h) => h.textContent);

const meta = {
  title: 'Screens/Search',
  component: SearchPage,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => resetMocksFor(parameters.screen as ScreenParameters),
  parameters: { layout: 'fullscreen', screen: at('q=marc'), msw: mocks() },
} satisfies Meta<typeof SearchPage>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Tracks matching "marc" (Marc's three ready tracks), the facets counting them, sorted by relevance. */
export const Tracks: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const list = await canvas.findByRole('list', { name: 'Tracks matching “marc”' }, slow);
    await expect(titlesIn(list)).toHaveLength(3);
    await expect(canvas.getByRole('tab', { name: 'Tracks' })).toHaveAttribute('aria-selected', 'true');
    await expect(canvas.getByText('3 tracks')).toBeInTheDocument();
    const genre = canvas.getByRole('group', { name: 'Genre' });
    await expect(within(genre).getByRole('checkbox', { name: /Chanson/ })).not.toBeChecked();
  },
};

/** Choosing a genre: the URL and the results follow (only the chanson track is left). */
export const ApplyingAFacet: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('list', { name: 'Tracks matching “marc”' }, slow);
    await userEvent.click(within(canvas.getByRole('group', { name: 'Genre' })).getByRole('checkbox', { name: /Chanson/ }));
    await waitFor(() => expect(titlesIn(canvas.getByRole('list', { name: 'Tracks matching “marc”' }))).toEqual(['Le dernier métro']), slow);
    await expect(within(canvas.getByRole('group', { name: 'Genre' })).getByRole('checkbox', { name: /Chanson/ })).toBeChecked();
    await expect(canvas.getByText('Filters (1)')).toBeInTheDocument();
  },
};

/** Opened with facets in the URL (a BPM range and a sort): the filter shown as chosen, the results filtered. */
export const FacetsApplied: Story = {
  parameters: { screen: at('q=marc&bpm=110-130&sort=plays') },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const list = await canvas.findByRole('list', { name: 'Tracks matching “marc”' }, slow);
    await expect(titlesIn(list)).toEqual(['Lumière froide']);
    await expect(within(canvas.getByRole('group', { name: 'BPM' })).getByRole('radio', { name: /110 to 130/ })).toBeChecked();
    await expect(canvas.getByRole('combobox', { name: 'Sort by' })).toHaveValue('plays');
  },
};

/** Filters alone, no words: still a search (tracks only). */
export const FiltersOnly: Story = { parameters: { screen: at('genre=electronic') } };

export const People: Story = {
  parameters: { screen: at('q=ana&type=people') },
  play: async ({ canvasElement }) => {
    const list = await within(canvasElement).findByRole('list', { name: 'People matching “ana”' }, slow);
    await expect(within(list).getByRole('link', { name: /Ana/ })).toHaveAttribute('href', '/u/ana');
  },
};

export const Playlists: Story = {
  parameters: { screen: at('q=night&type=playlists') },
  play: async ({ canvasElement }) => {
    const list = await within(canvasElement).findByRole('list', { name: 'Playlists matching “night”' }, slow);
    await expect(within(list).getByRole('link', { name: 'Late night drives' })).toBeInTheDocument();
  },
};

export const Groups: Story = {
  parameters: { screen: at('q=night&type=groups') },
  play: async ({ canvasElement }) => {
    const list = await within(canvasElement).findByRole('list', { name: 'Groups matching “night”' }, slow);
    await expect(within(list).getByRole('link', { name: 'Lo-fi Night Club' })).toBeInTheDocument();
  },
};

/** Nothing found. */
export const Empty: Story = {
  parameters: { screen: at('q=zzzyx') },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('heading', { name: 'Nothing found for “zzzyx”' }, slow)).toBeInTheDocument();
  },
};

/** Nothing typed yet: a prompt, nothing asked of the server. */
export const NothingTyped: Story = {
  parameters: { screen: at('') },
  play: async ({ canvasElement }) => {
    // The field is focused and lists the recent searches, the rest of the page hidden from screen readers meanwhile
    // (React Aria's combobox): Escape closes the list.
    await expect(await within(canvasElement).findByRole('combobox', { name: 'Search' })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    await expect(await within(canvasElement).findByRole('heading', { name: 'What are you looking for?' })).toBeInTheDocument();
  },
};

export const Loading: Story = { parameters: { msw: mocks(states.loading('search.tracks')) } };

export const Error: Story = {
  parameters: { msw: mocks(states.error('search.tracks')) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('The search failed', {}, slow)).toBeInTheDocument();
    await expect(canvas.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  },
};

/** A query the API would refuse (over 200 characters): said in words, nothing asked. */
export const RefusedQuery: Story = {
  parameters: { screen: at(`q=${'long'.repeat(51)}`) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('heading', { name: 'This search can’t run' })).toBeInTheDocument();
    await expect(canvas.getByText('This search is too long: use at most 200 characters.')).toBeInTheDocument();
  },
};

/** The API's own refusal of a query (`empty_query`, here for a query of symbols only): the prompt, not an error. */
export const RefusedByTheServer: Story = {
  parameters: {
    screen: at('q=ana&type=people'),
    msw: mocks(
      trpcMsw.search.people.query(() => {
        throw Object.assign(new MockTrpcError('BAD_REQUEST', 'Type a word to search for (at least 2 letters), or choose a filter.'), { reason: 'empty_query' });
      }),
    ),
  },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('heading', { name: 'What are you looking for?' }, slow)).toBeInTheDocument();
  },
};

/** Any other refusal of the API: its message, with "Try again". */
export const OtherRefusal: Story = {
  parameters: { msw: mocks(states.error('search.tracks', 'BAD_REQUEST', 'Use at most 12 words or phrases in a search.')) },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Use at most 12 words or phrases in a search.', {}, slow)).toBeInTheDocument();
  },
};

/** The query help: AND, "phrases", OR, NOT / -word; Escape closes it. */
export const QueryHelpOpen: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const button = canvas.getByRole('button', { name: 'How to search' });
    await userEvent.click(button);
    const panel = canvas.getByRole('region', { name: 'Search tips' });
    await expect(within(panel).getByText('lofi -rain')).toBeInTheDocument();
    await expect(within(panel).getByText('"night drive"')).toBeInTheDocument();
    await userEvent.keyboard('{Escape}');
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await expect(button).toHaveFocus();
  },
};

/** A new query typed in the page's field: the URL and the results follow, the filters kept. */
export const NewQuery: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('list', { name: 'Tracks matching “marc”' }, slow);
    const field = canvas.getByRole('combobox', { name: 'Search' });
    await userEvent.clear(field);
    await userEvent.type(field, '"night drive"{Escape}{Enter}');
    const list = await canvas.findByRole('list', { name: 'Tracks matching “"night drive"”' }, slow);
    await expect(titlesIn(list)).toEqual(['Night Drive']);
  },
};

/** At 390 px: the filters fold under "Filters", the page does not scroll sideways. */
export const OnPhone: Story = {
  globals: phone,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('list', { name: 'Tracks matching “marc”' }, slow);
    await expect(canvas.getByText('Filters').closest('details')).not.toHaveAttribute('open');
    await expect(document.documentElement.scrollWidth).toBeLessThanOrEqual(window.innerWidth);
  },
};

export const French: Story = { parameters: { screen: at('q=marc', { language: 'fr', session: storyUsers.ana }) } };
