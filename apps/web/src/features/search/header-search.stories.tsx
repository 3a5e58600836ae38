import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { storyUsers } from '../../test/story-users.ts';
import { HeaderSearch } from './header-search.tsx';

/** The header's magnifier, at the right like in the header, with room below for the box. */
function InHeader() {
  return (
    <div style={{ display: 'flex', justifyContent: 'flex-end', padding: '1rem', minHeight: '32rem' }}>
      <HeaderSearch />
    </div>
  );
}

const meta = {
  title: 'Search/Header search',
  component: InHeader,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => resetMocksFor(parameters.screen as ScreenParameters),
  parameters: { layout: 'fullscreen', screen: { path: '/', url: '/', session: storyUsers.ana }, msw: mocks() },
} satisfies Meta<typeof InHeader>;
export default meta;
type Story = StoryObj<typeof meta>;

const slow = { timeout: 4000 };

/** Closed: one button. */
export const Closed: Story = {};

/** The button opens the box, focused, with the recent searches; Escape closes the list, then the box, focus back on the button. */
export const OpenAndEscape: Story = {
  play: async ({ canvasElement }) => {
    // The list is React Aria's popover, in a portal: look in the whole page.
    const canvas = within(canvasElement.ownerDocument.body);
    const button = canvas.getByRole('button', { name: 'Search' });
    await userEvent.click(button);
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    const box = canvas.getByRole('combobox', { name: 'Search' });
    await expect(box).toHaveFocus();
    await expect(await canvas.findByRole('group', { name: 'Recent searches' }, slow)).toBeInTheDocument();
    await userEvent.keyboard('{Escape}');
    await expect(box).toHaveAttribute('aria-expanded', 'false');
    await userEvent.keyboard('{Escape}');
    await expect(canvas.queryByRole('combobox', { name: 'Search' })).toBeNull();
    await expect(button).toHaveFocus();
  },
};

/** Choosing a suggestion leads to it and puts the box away. */
export const ChoosingASuggestion: Story = {
  play: async ({ canvasElement }) => {
    // The list is React Aria's popover, in a portal: look in the whole page.
    const canvas = within(canvasElement.ownerDocument.body);
    await userEvent.click(canvas.getByRole('button', { name: 'Search' }));
    await userEvent.keyboard('rue des');
    await canvas.findByRole('group', { name: 'Tracks' }, slow);
    await userEvent.keyboard('{ArrowDown}{Enter}');
    await expect(await canvas.findByTestId('location', {}, slow)).toHaveTextContent(/^\/tracks\//);
  },
};

/** At 390 px the box spans the screen under the header. */
export const OnPhone: Story = {
  globals: { viewport: { value: 'mobile2', isRotated: false } },
  play: async ({ canvasElement }) => {
    // The list is React Aria's popover, in a portal: look in the whole page.
    const canvas = within(canvasElement.ownerDocument.body);
    await userEvent.click(canvas.getByRole('button', { name: 'Search' }));
    await userEvent.keyboard('night');
    await canvas.findByRole('group', { name: 'Tracks' }, slow);
    await expect(document.documentElement.scrollWidth).toBeLessThanOrEqual(window.innerWidth);
  },
};
