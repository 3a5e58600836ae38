import type { Meta, StoryObj } from '@storybook/react-vite';
import { MockTrpcError, presenceHandlers, presenceMock, trpcMsw } from '@veza/mocks';
import { useEffect, useRef } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { storyUsers } from '../../test/story-users.ts';
import { StatusPicker } from './status-picker.tsx';

/** The picker at the right of a header bar, as in the app, with room below for its popover. */
function InHeader() {
  return (
    <header style={{ display: 'flex', justifyContent: 'flex-end', padding: '0.75rem 1rem', minHeight: '24rem', alignItems: 'flex-start' }}>
      <StatusPicker />
    </header>
  );
}

/** The phone's menu sheet: a modal <dialog> (the top layer, the rest of the page inert) holding the picker. */
function InASheet() {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog ref={ref} aria-label="Menu" style={{ width: '20rem', minHeight: '24rem' }}>
      <StatusPicker />
    </dialog>
  );
}

const meta = {
  title: 'Features/Presence/Status picker',
  component: InHeader,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => {
    resetMocksFor(parameters.screen as ScreenParameters);
    presenceMock.reset();
  },
  parameters: { layout: 'fullscreen', screen: { path: '/', url: '/', session: storyUsers.ana }, msw: mocks(...presenceHandlers) },
} satisfies Meta<typeof InHeader>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The popover is React Aria's, in a portal: looked for in the whole page. */
const page = (canvasElement: HTMLElement) => within(canvasElement.ownerDocument.body);

/** Closed: the button with the current status. */
export const Closed: Story = {
  play: async ({ canvasElement }) => {
    const button = await within(canvasElement).findByRole('button', { name: /Status: Online/ });
    await expect(button).toHaveAttribute('aria-expanded', 'false');
  },
};

/** Keyboard: Enter opens it (the focus in the dialog), Tab reaches the choices, the arrows choose, Escape closes it. */
export const Keyboard: Story = {
  play: async ({ canvasElement }) => {
    const button = await within(canvasElement).findByRole('button', { name: /Status: Online/ });
    button.focus();
    await userEvent.keyboard('{Enter}');
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    const dialog = within(await page(canvasElement).findByRole('dialog', { name: 'Your status' }));
    await expect(await dialog.findByRole('radio', { name: /Online/ })).toBeChecked();
    await userEvent.tab();
    await expect(dialog.getByRole('radio', { name: /Online/ })).toHaveFocus();
    await userEvent.keyboard('{ArrowDown}');
    await expect(dialog.getByRole('radio', { name: /Away/ })).toBeChecked();
    await waitFor(() => expect(presenceMock.state().chosen.get(storyUsers.ana.id)).toBe('away'));
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(page(canvasElement).queryByRole('dialog')).toBeNull());
    await expect(within(canvasElement).getByRole('button', { name: /Status: Away/ })).toHaveFocus();
  },
};

/** Open: the four choices with their hints, and the listening switch; a press outside closes it. */
export const Open: Story = {
  play: async ({ canvasElement }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: /Status: Online/ }));
    const dialog = within(await page(canvasElement).findByRole('dialog', { name: 'Your status' }));
    await expect(await dialog.findAllByRole('radio')).toHaveLength(4);
    await expect(dialog.getByText('Shown as offline to others')).toBeVisible();
    // Online has no hint (not its translation key).
    await expect(dialog.queryByText(/presence\.hint/)).toBeNull();
    await userEvent.click(dialog.getByRole('switch', { name: "Share what I'm listening to" }));
    await waitFor(() => expect(presenceMock.state().shareListening.get(storyUsers.ana.id)).toBe(false));
    await userEvent.click(canvasElement.ownerDocument.body, { skipHover: true });
    await waitFor(() => expect(page(canvasElement).queryByRole('dialog')).toBeNull());
  },
};

/** The server refuses the change: said in the dialog. */
export const SaveError: Story = {
  parameters: {
    msw: mocks(
      trpcMsw.presence.set.mutation(() => {
        throw new MockTrpcError('INTERNAL_SERVER_ERROR', 'Something went wrong');
      }),
      ...presenceHandlers,
    ),
  },
  play: async ({ canvasElement }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: /Status: Online/ }));
    const dialog = within(await page(canvasElement).findByRole('dialog', { name: 'Your status' }));
    await userEvent.click(await dialog.findByRole('radio', { name: /Do not disturb/ }));
    await expect(await dialog.findByRole('alert')).toBeVisible();
  },
};

export const French: Story = {
  parameters: { screen: { path: '/', url: '/', session: storyUsers.ana, language: 'fr' } },
  play: async ({ canvasElement }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: /Statut :/ }));
    await expect(await page(canvasElement).findByRole('dialog', { name: 'Votre statut' })).toBeVisible();
  },
};

/** In the phone's menu sheet: the popover goes inside the sheet (above it, and usable), not at the end of the page. */
export const InPhoneMenuSheet: Story = {
  render: () => <InASheet />,
  play: async ({ canvasElement }) => {
    const sheet = await within(canvasElement.ownerDocument.body).findByRole('dialog', { name: 'Menu' });
    await userEvent.click(await within(sheet).findByRole('button', { name: /Status: Online/ }));
    const picker = await within(sheet).findByRole('dialog', { name: 'Your status' });
    await userEvent.click(await within(picker).findByRole('radio', { name: /Away/ }));
    await waitFor(() => expect(presenceMock.state().chosen.get(storyUsers.ana.id)).toBe('away'));
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(within(sheet).queryByRole('dialog', { name: 'Your status' })).toBeNull());
  },
};
