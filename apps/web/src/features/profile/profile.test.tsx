import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { db, fixtures, profileMock, resetMockDb } from '@veza/mocks';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProfilePage } from '../../pages/profile/profile.page.tsx';
import { useSession, type SessionUser } from '../../stores/session.ts';
import { textOf } from '../../test/dom.ts';
import { ana, renderScreen } from '../../test/render.tsx';
import { LinksEditor } from './links-editor.tsx';
import { ProfileImageField } from './profile-image-field.tsx';

const png = () => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'me.png', { type: 'image/png' });
const renderProfile = (username: string, session: SessionUser | null = ana) => {
  resetMockDb({ signedInAs: session?.username ?? null });
  return renderScreen(<ProfilePage />, { path: '/u/:username', url: `/u/${username}`, session });
};
afterEach(() => profileMock.reset());

describe('profile header', () => {
  it('shows the location, the links with their platform, the pinned track above the tracks, and a fallback banner', async () => {
    const { container } = renderProfile('ana', null);
    expect(await screen.findByText('Lisbon, Portugal')).toBeTruthy();
    const links = screen.getByRole('list', { name: "Ana Lima's links" });
    const anchors = within(links).getAllByRole('link');
    expect(anchors.map(textOf)).toEqual(['Bandcamp (opens in a new tab)', 'SoundCloud (opens in a new tab)', 'analima.pt (opens in a new tab)']);
    for (const a of anchors) {
      expect(a.getAttribute('rel')).toBe('noopener noreferrer nofollow ugc');
      expect(a.getAttribute('target')).toBe('_blank');
      expect(a.querySelector('svg[aria-hidden="true"]')).toBeTruthy();
    }
    const pinned = await screen.findByRole('list', { name: 'Pinned track of Ana Lima' });
    expect(within(pinned).getAllByRole('heading', { level: 3 }).map(textOf)).toEqual(['Night Drive']);
    // Pinned comes before the tracks.
    const tracks = await screen.findByRole('list', { name: 'Tracks by Ana Lima' });
    expect(pinned.compareDocumentPosition(tracks) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(container.querySelector('.vw-profile-banner[data-empty]')).toBeTruthy();
    expect(container.querySelector('.vw-profile .vz-avatar img')).toBeNull();
  });

  it('shows the avatar and the banner at the sizes the screen needs', async () => {
    resetMockDb();
    profileMock.setImage('marc.dubois', 'avatar');
    profileMock.setImage('marc.dubois', 'banner');
    const { container } = renderScreen(<ProfilePage />, { path: '/u/:username', url: '/u/marc.dubois' });
    await screen.findByRole('heading', { level: 1 });
    expect(container.querySelector('.vw-profile .vz-avatar img')?.getAttribute('src')).toMatch(/\/avatar\?v=[0-9a-f]{16}&size=256$/);
    const banner = container.querySelector('.vw-profile-banner img');
    expect(banner?.getAttribute('srcset')).toMatch(/size=750 750w, .*size=1500 1500w$/);
    expect(banner?.getAttribute('alt')).toBe('');
    // No location, no links: nothing shown for them.
    expect(screen.queryByRole('list', { name: /links$/ })).toBeNull();
  });
});

describe('LinksEditor', () => {
  function Harness({ initial = [] as string[], spy = (_: string[]) => {} }) {
    const [links, setLinks] = useState(initial);
    return <LinksEditor links={links} onChange={(next) => { spy(next); setLinks(next); }} />;
  }

  it('adds links on Add or Enter, refuses other schemes, duplicates and bad addresses with a message', async () => {
    const spy = vi.fn();
    renderScreen(<Harness spy={spy} />);
    const input = screen.getByLabelText('Add a link');
    await userEvent.type(input, 'javascript:alert(1)');
    await userEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(screen.getByText('Links must start with http:// or https://.')).toBeTruthy();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    await userEvent.clear(input);
    await userEvent.type(input, 'ana.fr{Enter}');
    expect(screen.getByText('This is not a web address (like https://example.com).')).toBeTruthy();
    await userEvent.clear(input);
    await userEvent.type(input, 'https://ana.bandcamp.com{Enter}');
    expect(spy).toHaveBeenLastCalledWith(['https://ana.bandcamp.com']);
    expect(screen.getByRole('status').textContent).toBe('Bandcamp added.');
    await userEvent.type(input, 'https://ana.bandcamp.com{Enter}');
    expect(screen.getByText('This link is already in your list.')).toBeTruthy();
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('reorders with the keyboard-reachable buttons, removes, and stops at 8', async () => {
    const spy = vi.fn();
    const eight = Array.from({ length: 8 }, (_, i) => `https://site${i + 1}.example.com`);
    renderScreen(<Harness initial={eight} spy={spy} />);
    expect(screen.queryByLabelText('Add a link')).toBeNull();
    expect(screen.getByText('You have 8 links, the most a profile can show. Remove one to add another.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Move site1.example.com up' }) as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Move site1.example.com down' }));
    expect(spy.mock.lastCall?.[0].slice(0, 2)).toEqual(['https://site2.example.com', 'https://site1.example.com']);
    expect(screen.getByRole('status').textContent).toBe('site1.example.com moved to position 2 of 8.');
    await userEvent.click(screen.getByRole('button', { name: 'Remove site8.example.com' }));
    expect(spy.mock.lastCall?.[0]).toHaveLength(7);
    expect(screen.getByLabelText('Add a link')).toBeTruthy();
  });
});

describe('ProfileImageField', () => {
  beforeEach(() => resetMockDb({ signedInAs: 'ana' }));
  const dropZone = (name: RegExp) => screen.getByLabelText(name);

  it('sends a chosen avatar at once and reports the new URL; removes it', async () => {
    const onChange = vi.fn();
    function Harness() {
      const [url, setUrl] = useState<string | null>(null);
      return <ProfileImageField kind="avatar" url={url} name="Ana Lima" onChange={(next) => { onChange(next); setUrl(next); }} />;
    }
    renderScreen(<Harness />, { session: ana });
    await userEvent.upload(dropZone(/^Choose a picture/), png());
    await waitFor(() => expect(onChange).toHaveBeenCalledWith(expect.stringMatching(/^\/api\/users\/.+\/avatar\?v=/)));
    expect(db.users.find((u) => u.username === 'ana')?.avatarUrl).toBe(onChange.mock.lastCall?.[0]);
    await userEvent.click(await screen.findByRole('button', { name: 'Remove the picture' }));
    await waitFor(() => expect(onChange).toHaveBeenLastCalledWith(null));
    expect(db.users.find((u) => u.username === 'ana')?.avatarUrl).toBeNull();
  });

  it('refuses a non-image and a file over 10 MB before sending, and shows the server refusal', async () => {
    const onChange = vi.fn();
    renderScreen(<ProfileImageField kind="banner" url={null} name="Ana Lima" onChange={onChange} />, { session: ana });
    await userEvent.upload(dropZone(/^Choose a banner/), new File(['hello'], 'notes.txt', { type: 'text/plain' }), { applyAccept: false });
    expect(screen.getByText('This file is not an image. Choose a JPEG, PNG, WebP or GIF file.')).toBeTruthy();
    const big = Object.defineProperty(png(), 'size', { value: 50 * 1024 * 1024 });
    await userEvent.upload(dropZone(/^Choose a banner/), big);
    expect(screen.getByText('This image is too large. The limit is 10 MB.')).toBeTruthy();
    profileMock.failNextUpload(415, 'Images must be JPEG, PNG, WebP or GIF files.');
    await userEvent.upload(dropZone(/^Choose a banner/), png());
    expect(await screen.findByText('Images must be JPEG, PNG, WebP or GIF files.')).toBeTruthy();
    expect(onChange).not.toHaveBeenCalled();
  });
});

describe('profile editor', () => {
  it('saves location, links and the pinned track; the avatar shows in the account at once', async () => {
    renderProfile('ana');
    await userEvent.click(await screen.findByRole('button', { name: 'Edit profile' }));
    const location = screen.getByLabelText('Location');
    await userEvent.clear(location);
    await userEvent.type(location, 'Porto');
    await userEvent.click(screen.getByRole('button', { name: 'Remove analima.pt' }));
    await userEvent.type(screen.getByLabelText('Add a link'), 'https://www.instagram.com/analima{Enter}');
    const picker = screen.getByLabelText('Pinned track') as HTMLSelectElement;
    await waitFor(() => expect(picker.disabled).toBe(false));
    // Only ready tracks: "Tape Hiss Lullaby" failed.
    expect(within(picker).getAllByRole('option').map(textOf)).toEqual(['No pinned track', 'Demo — unfinished (not public: only you see it pinned)', 'Night Drive']);
    await userEvent.selectOptions(picker, '');
    await userEvent.upload(screen.getByLabelText(/^Choose a picture/), png());
    await waitFor(() => expect(useSession.getState().user?.avatarUrl).toMatch(/\/avatar\?v=/));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Porto')).toBeTruthy();
    const links = await screen.findByRole('list', { name: "Ana Lima's links" });
    expect(within(links).getAllByRole('link').map((a) => a.getAttribute('href'))).toEqual(['https://analima.bandcamp.com', 'https://soundcloud.com/analima', 'https://www.instagram.com/analima']);
    expect(screen.queryByRole('list', { name: 'Pinned track of Ana Lima' })).toBeNull();
    expect(fixtures.ana.location).toBe('Lisbon, Portugal');
  });
});
