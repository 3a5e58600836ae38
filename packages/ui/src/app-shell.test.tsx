import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppShell } from './app-shell.tsx';

const menu = {
  label: 'Menu',
  closeLabel: 'Close menu',
  content: (
    <>
      <a href="#settings">Settings</a>
      <label>
        Language
        <select defaultValue="en">
          <option value="en">English</option>
          <option value="fr">Français</option>
        </select>
      </label>
    </>
  ),
};

function renderShell() {
  return render(
    <AppShell brand={<a href="#home">Veza</a>} nav={<a href="#upload">Upload</a>} navLabel="Main" actions={<span className="vz-shell__wide">ana</span>} menu={menu} skipLabel="Skip to content">
      <p>Page</p>
    </AppShell>,
  );
}

describe('AppShell compact header', () => {
  beforeEach(() => {
    // The engine has no top layer: opening the modal sets `open`, as browsers do.
    vi.spyOn(HTMLDialogElement.prototype, 'showModal').mockImplementation(function (this: HTMLDialogElement) {
      this.setAttribute('open', '');
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it('opens a labelled modal sheet from the menu button, which its close button closes', async () => {
    const user = userEvent.setup();
    renderShell();
    const button = within(screen.getByRole('banner')).getByRole('button', { name: 'Menu' });
    expect(button.getAttribute('aria-haspopup')).toBe('dialog');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('dialog')).toBeNull();

    await user.click(button);
    const sheet = screen.getByRole('dialog', { name: 'Menu' });
    expect(HTMLDialogElement.prototype.showModal).toHaveBeenCalledTimes(1);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(button.getAttribute('aria-controls')).toBe(sheet.id);
    expect(within(sheet).getByRole('link', { name: 'Settings' })).toBeTruthy();

    await user.click(within(sheet).getByRole('button', { name: 'Close menu' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(button.getAttribute('aria-expanded')).toBe('false');
  });

  it('closes once a link is followed, not while a select is used', async () => {
    const user = userEvent.setup();
    renderShell();
    await user.click(screen.getByRole('button', { name: 'Menu' }));
    const sheet = screen.getByRole('dialog', { name: 'Menu' });
    await user.selectOptions(within(sheet).getByLabelText('Language'), 'fr');
    expect(screen.getByRole('dialog', { name: 'Menu' })).toBeTruthy();
    await user.click(within(sheet).getByRole('link', { name: 'Settings' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('closes on Escape (the dialog cancels) and on a tap on the backdrop', async () => {
    const user = userEvent.setup();
    renderShell();
    await user.click(screen.getByRole('button', { name: 'Menu' }));
    const sheet = screen.getByRole('dialog', { name: 'Menu' });
    // What the browser does on Escape: the modal dialog closes and fires `close`.
    sheet.removeAttribute('open');
    sheet.dispatchEvent(new Event('close'));
    expect(await screen.findByRole('button', { name: 'Menu', expanded: false })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Menu' }));
    await user.click(screen.getByRole('dialog', { name: 'Menu' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('has no menu button without a menu (the header only wraps)', () => {
    render(<AppShell brand="Veza" skipLabel="Skip">x</AppShell>);
    expect(screen.queryByRole('button', { name: 'Menu' })).toBeNull();
  });
});
