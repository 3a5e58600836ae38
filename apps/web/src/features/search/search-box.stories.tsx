import type { Meta, StoryObj } from '@storybook/react-vite';
import { fixtures, searchMock, states } from '@veza/mocks';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { storyUsers } from '../../test/story-users.ts';
import { SearchBox } from './search-box.tsx';

const signedOut: ScreenParameters = { path: '/', url: '/' };
const asAna: ScreenParameters = { path: '/', url: '/', session: storyUsers.ana };

/** The header's search box, with room below for its list. */
function HeaderBox() {
  return (
    <div style={{ display: 'flex', justifyContent: 'flex-end', padding: '1rem', minHeight: '30rem' }}>
      <SearchBox variant="header" />
    </div>
  );
}

/** The first answer of the mock back end can take a while on a busy machine. */
const slow = { timeout: 4000 };

const meta = {
  title: 'Search/Header search box',
  component: HeaderBox,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => resetMocksFor(parameters.screen as ScreenParameters),
  parameters: { layout: 'fullscreen', screen: signedOut, msw: mocks() },
} satisfies Meta<typeof HeaderBox>;
export default meta;
type Story = StoryObj<typeof meta>;

const box = (canvasElement: HTMLElement) => within(canvasElement).getByRole('combobox', { name: 'Search' });
/** The highlighted row (React Aria's virtual focus: data-focused, and the field's aria-activedescendant). */
const highlighted = (canvasElement: HTMLElement) => within(canvasElement.ownerDocument.body).queryAllByRole('option').filter((o) => o.hasAttribute('data-focused'));

/** Nothing typed, signed out: a closed box. */
export const Idle: Story = {
  play: async ({ canvasElement }) => {
    await expect(box(canvasElement)).toHaveAttribute('aria-expanded', 'false');
  },
};

/** Typing "night": tracks, playlists and groups in groups of the list; the arrows move, Enter opens the track. */
export const TypingWithSuggestions: Story = {
  play: async ({ canvasElement }) => {
    // The list is React Aria's popover, in a portal: look in the whole page.
    const canvas = within(canvasElement.ownerDocument.body);
    await userEvent.type(box(canvasElement), 'night');
    const tracks = await canvas.findByRole('group', { name: 'Tracks' }, slow);
    await expect(within(tracks).getByRole('option', { name: /Night Drive/ })).toBeInTheDocument();
    await expect(canvas.getByRole('group', { name: 'Playlists' })).toBeInTheDocument();
    await expect(canvas.getByRole('group', { name: 'Groups' })).toBeInTheDocument();
    await expect(box(canvasElement)).toHaveAttribute('aria-expanded', 'true');
    // ↓ highlights the first row, ↑ from the first wraps to the last ("Search for …"), ↓ wraps back.
    await userEvent.keyboard('{ArrowDown}');
    const first = highlighted(canvasElement)[0];
    await expect(first).toHaveTextContent('Night Drive');
    await expect(box(canvasElement)).toHaveAttribute('aria-activedescendant', first?.id);
    await userEvent.keyboard('{ArrowUp}');
    await expect(highlighted(canvasElement)[0]).toHaveTextContent('Search for “night”');
    await userEvent.keyboard('{ArrowDown}{Enter}');
    await expect(await canvas.findByTestId('location', {}, slow)).toHaveTextContent(`/tracks/${fixtures.tracks[0]?.id}`);
  },
};

/** Enter without a highlighted row: the results page of what is typed. Escape first closes the list, then clears. */
export const EnterAndEscape: Story = {
  play: async ({ canvasElement }) => {
    // The list is React Aria's popover, in a portal: look in the whole page.
    const canvas = within(canvasElement.ownerDocument.body);
    await userEvent.type(box(canvasElement), 'marc');
    await canvas.findByRole('group', { name: 'Tracks' }, slow);
    await userEvent.keyboard('{Escape}');
    await expect(box(canvasElement)).toHaveAttribute('aria-expanded', 'false');
    await expect(box(canvasElement)).toHaveValue('marc');
    await userEvent.keyboard('{Escape}');
    await expect(box(canvasElement)).toHaveValue('');
    await userEvent.type(box(canvasElement), 'lofi -rain{Enter}');
    await expect(await canvas.findByTestId('location', {}, slow)).toHaveTextContent('/search?q=lofi+-rain');
  },
};

/** Focused while empty, signed in: the recent searches; Delete removes the highlighted one, "Clear all" the rest. */
export const RecentSearches: Story = {
  parameters: { screen: asAna },
  play: async ({ canvasElement }) => {
    // The list is React Aria's popover, in a portal: look in the whole page.
    const canvas = within(canvasElement.ownerDocument.body);
    await userEvent.click(box(canvasElement));
    const recent = await canvas.findByRole('group', { name: 'Recent searches' }, slow);
    await expect(within(recent).getAllByRole('option')).toHaveLength(3);
    await userEvent.keyboard('{ArrowDown}{Delete}');
    await waitFor(() => expect(within(recent).getAllByRole('option')).toHaveLength(2));
    await expect(within(recent).queryByRole('option', { name: /lo-fi night/ })).toBeNull();
    await userEvent.click(canvas.getByRole('button', { name: 'Clear all' }));
    await waitFor(() => expect(canvas.queryByRole('group', { name: 'Recent searches' })).toBeNull(), slow);
    // Cleared, the focus back in the field.
    await expect(box(canvasElement)).toHaveFocus();
  },
};

/** The pointer's way: the × of a row removes that search (and does not run it); the focus stays in the field. */
export const RecentRemovedWithPointer: Story = {
  parameters: { screen: asAna },
  beforeEach: () => searchMock.setHistory('ana', ['lo-fi night', '"field recording"']),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement.ownerDocument.body);
    await userEvent.click(box(canvasElement));
    const recent = await canvas.findByRole('group', { name: 'Recent searches' }, slow);
    const row = within(recent).getByRole('option', { name: /lo-fi night/ });
    const remove = row.querySelector('button');
    await expect(remove).toHaveAttribute('title', 'Remove “lo-fi night” from your recent searches');
    if (remove) await userEvent.click(remove);
    await waitFor(() => expect(within(recent).getAllByRole('option')).toHaveLength(1));
    // Not searched again (that would put the query in the field and close the list).
    await expect(box(canvasElement)).toHaveValue('');
    await expect(box(canvasElement)).toHaveAttribute('aria-expanded', 'true');
    await expect(box(canvasElement)).toHaveFocus();
  },
};

/** Signed in without any recent search: focused and empty, there is nothing to show, and the field says so. */
export const EmptyNoRecent: Story = {
  parameters: { screen: asAna },
  beforeEach: () => searchMock.setHistory('ana', []),
  play: async ({ canvasElement }) => {
    await userEvent.click(box(canvasElement));
    await userEvent.keyboard('{ArrowDown}');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expect(box(canvasElement)).toHaveAttribute('aria-expanded', 'false');
    await expect(within(canvasElement.ownerDocument.body).queryByRole('listbox')).toBeNull();
  },
};

/** Keyboard alone: Tab into the field, ↓ opens the recent searches at the first, ↑ wraps to the last, Escape closes. */
export const KeyboardOnly: Story = {
  parameters: { screen: asAna },
  beforeEach: () => searchMock.setHistory('ana', ['lo-fi night', '"field recording"', 'ambient']),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement.ownerDocument.body);
    await userEvent.tab();
    await expect(box(canvasElement)).toHaveFocus();
    await canvas.findByRole('group', { name: 'Recent searches' }, slow);
    await userEvent.keyboard('{Escape}');
    await expect(box(canvasElement)).toHaveAttribute('aria-expanded', 'false');
    await userEvent.keyboard('{ArrowDown}');
    await waitFor(() => expect(highlighted(canvasElement)[0]).toHaveTextContent('lo-fi night'));
    await userEvent.keyboard('{ArrowUp}');
    await expect(highlighted(canvasElement)[0]).toHaveTextContent('ambient');
    await userEvent.keyboard('{Escape}');
    await expect(box(canvasElement)).toHaveAttribute('aria-expanded', 'false');
    await expect(box(canvasElement)).toHaveValue('');
  },
};

/** Choosing a recent search runs it again. */
export const RecentSearchChosen: Story = {
  parameters: { screen: asAna },
  beforeEach: () => searchMock.setHistory('ana', ['lo-fi night', '"field recording"']),
  play: async ({ canvasElement }) => {
    // The list is React Aria's popover, in a portal: look in the whole page.
    const canvas = within(canvasElement.ownerDocument.body);
    await userEvent.click(box(canvasElement));
    await canvas.findByRole('group', { name: 'Recent searches' }, slow);
    await userEvent.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    await expect(await canvas.findByTestId('location', {}, slow)).toHaveTextContent('/search?q=%22field+recording%22');
  },
};

/** Nothing suggested: said, and "Search for …" still leads to the results page. */
export const NoResults: Story = {
  play: async ({ canvasElement }) => {
    // The list is React Aria's popover, in a portal: look in the whole page.
    const canvas = within(canvasElement.ownerDocument.body);
    await userEvent.type(box(canvasElement), 'zzzyx');
    await expect(await canvas.findByText('No quick matches for “zzzyx”. Press Enter to see all results.', {}, slow)).toBeInTheDocument();
    await expect(canvas.getByRole('option', { name: /Search for “zzzyx”/ })).toBeInTheDocument();
  },
};

/** Suggestions failing: said, and Enter still searches. */
export const SuggestionsError: Story = {
  parameters: { msw: mocks(states.error('search.suggest')) },
  play: async ({ canvasElement }) => {
    // The list is React Aria's popover, in a portal: look in the whole page.
    const canvas = within(canvasElement.ownerDocument.body);
    await userEvent.type(box(canvasElement), 'night');
    await expect(await canvas.findByText('Suggestions are unavailable right now. Press Enter to see the results.', {}, slow)).toBeInTheDocument();
    await userEvent.keyboard('{Enter}');
    await expect(await canvas.findByTestId('location', {}, slow)).toHaveTextContent('/search?q=night');
  },
};

/** While the suggestions load. */
export const Loading: Story = {
  parameters: { msw: mocks(states.loading('search.suggest')) },
  play: async ({ canvasElement }) => {
    await userEvent.type(box(canvasElement), 'night');
    await expect(await within(canvasElement.ownerDocument.body).findByText('Searching…', {}, slow)).toBeInTheDocument();
  },
};

/** A query the API would refuse (more than 12 words): said at once, nothing asked. */
export const TooManyWords: Story = {
  play: async ({ canvasElement }) => {
    await userEvent.type(box(canvasElement), 'a1 b2 c3 d4 e5 f6 g7 h8 i9 j10 k11 l12 m13');
    await expect(await within(canvasElement.ownerDocument.body).findByText('This search has too many words: use at most 12 words or phrases.', {}, slow)).toBeInTheDocument();
  },
};

/** A query longer than the API takes: said at once, no "Search for …", and Enter does not search. */
export const TooLong: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement.ownerDocument.body);
    await userEvent.click(box(canvasElement));
    await userEvent.paste('x'.repeat(201));
    await expect(await canvas.findByText('This search is too long: use at most 200 characters.', {}, slow)).toBeInTheDocument();
    await expect(canvas.queryByRole('option')).toBeNull();
    // Enter says it again rather than searching: the field stays, with its text.
    await userEvent.keyboard('{Enter}');
    await expect(box(canvasElement)).toHaveValue('x'.repeat(201));
    await expect(canvas.getByText('This search is too long: use at most 200 characters.')).toBeInTheDocument();
  },
};

export const French: Story = {
  parameters: { screen: { ...asAna, language: 'fr' } },
  play: async ({ canvasElement }) => {
    // The list is React Aria's popover, in a portal: look in the whole page.
    const canvas = within(canvasElement.ownerDocument.body);
    await userEvent.click(canvas.getByRole('combobox', { name: 'Rechercher' }));
    await expect(await canvas.findByRole('group', { name: 'Recherches récentes' }, slow)).toBeInTheDocument();
  },
};
