import { expect, test, type Browser, type Page } from '@playwright/test';
import { sineWav } from '@veza/media';

// The social journey of issue 11, two people in two browsers: the fan follows the artist; the artist uploads and
// comments on a moment of the track; the fan's home feed shows the upload ("New from …"), and while the fan plays it
// the artist's comment pops up on the waveform at its moment.
const PASSWORD = 'correct horse battery staple';
const run = Date.now().toString(36).slice(-5);
const artist = `sa${run}`;
const fan = `sf${run}`;
const TITLE = `Social Tone ${run}`;

async function signUp(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto('/signup');
  await page.getByLabel('Email', { exact: true }).fill(`${username}@example.com`);
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
  return page;
}

test('follow, upload, the follower’s feed, and a timed comment on the waveform while playing', async ({ browser }) => {
  test.setTimeout(150_000);
  const [a, f] = await Promise.all([signUp(browser, artist), signUp(browser, fan)]);

  // The fan follows the artist from their profile.
  await f.goto(`/u/${artist}`);
  await f.getByRole('button', { name: `Follow ${artist}` }).click();
  await expect(f.getByRole('button', { name: `Follow ${artist}`, pressed: true })).toHaveText('Following');

  // The artist uploads a 12-second tone and waits for it to stream.
  await a.goto('/upload');
  await a.getByLabel('Choose audio files or drop them here').setInputFiles({ name: 'tone.wav', mimeType: 'audio/wav', buffer: sineWav({ seconds: 12 }) });
  const item = a.getByTestId('upload-item');
  await item.getByLabel('Title', { exact: true }).fill(TITLE);
  await expect(item).toHaveAttribute('data-status', 'done');
  await expect(item.getByText('Changes saved.')).toBeVisible();
  await expect(item.getByText(/Ready — adaptive streaming is on/)).toBeVisible({ timeout: 90_000 });
  await item.getByRole('link', { name: /Open track/ }).click();
  await expect(a.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();

  // The artist comments at 0:03.
  await a.getByRole('button', { name: 'Change the moment' }).click();
  await a.getByRole('textbox', { name: 'Moment (minutes:seconds)' }).fill('0:03');
  await a.getByRole('button', { name: 'Set' }).click();
  await a.getByRole('textbox', { name: 'Comment at 0:03' }).fill('Listen to this bit');
  await a.getByRole('button', { name: 'Comment', exact: true }).click();
  await expect(a.getByText('Your comment is posted.')).toBeVisible();

  // The fan's home feed, "Following": the upload, saying why it is there.
  await f.goto('/');
  await f.getByRole('tab', { name: 'Following' }).click();
  const feed = f.getByRole('list', { name: 'Tracks from people you follow' });
  await expect(feed.getByText(`New from ${artist}`)).toBeVisible();
  await feed.getByRole('link', { name: TITLE }).first().click();
  await expect(f.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();

  // Playing it: the comment's marker is on the waveform, and pops up as playback passes 0:03.
  await expect(f.getByRole('toolbar', { name: /comment/ })).toBeVisible();
  await f.getByRole('button', { name: `Play “${TITLE}”` }).first().click();
  const bubble = f.getByTestId('wave-comment-bubble');
  await expect(bubble).toContainText('Listen to this bit', { timeout: 20_000 });
  const audio = f.getByTestId('audio-player');
  expect(await audio.evaluate((el: HTMLAudioElement) => el.currentTime)).toBeGreaterThanOrEqual(3);
});

/** Uploads 30-second tones as `page`'s user and returns their track ids, in order, once they stream. */
async function uploadTones(page: Page, titles: string[]): Promise<string[]> {
  await page.goto('/upload');
  await page.getByLabel('Choose audio files or drop them here').setInputFiles(titles.map((title, i) => ({ name: `${title}.wav`, mimeType: 'audio/wav', buffer: sineWav({ seconds: 30, frequency: 330 + i * 110 }) })));
  const items = page.getByTestId('upload-item');
  await expect(items).toHaveCount(titles.length);
  const ids: string[] = [];
  for (const [i, title] of titles.entries()) {
    const item = items.nth(i);
    await expect(item).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
    await expect(item.getByText(/Ready — adaptive streaming is on/)).toBeVisible({ timeout: 120_000 });
    const href = await item.getByRole('link', { name: /Open track/ }).getAttribute('href');
    expect(href, title).toMatch(/^\/tracks\/[0-9a-f-]{36}$/);
    ids.push(href!.split('/').pop()!);
  }
  return ids;
}

test('a collaborative playlist edited live by both, and a listening session whose guest hears the host’s position', async ({ browser }) => {
  test.setTimeout(300_000);
  const host = `ph${run}`;
  const guest = `pg${run}`;
  const [h, g] = await Promise.all([signUp(browser, host), signUp(browser, guest)]);
  const [first, second] = [`First ${run}`, `Second ${run}`];
  const [firstId, secondId] = await uploadTones(h, [first, second]);

  // The host makes a playlist with the first track and invites the guest from the playlist's page.
  const made = await h.request.post('/trpc/playlists.create', { data: { title: `Road ${run}`, trackIds: [firstId] }, headers: { origin: new URL(h.url()).origin } });
  expect(made.status(), await made.text()).toBe(200);
  const playlistId = ((await made.json()) as { result: { data: { id: string } } }).result.data.id;
  await h.goto(`/playlists/${playlistId}`);
  await h.getByRole('button', { name: `More actions for the playlist “Road ${run}”` }).click();
  await h.getByRole('menuitem', { name: 'Collaborators' }).click();
  await h.getByRole('textbox', { name: 'Invite by username' }).fill(guest);
  await h.getByRole('button', { name: 'Invite', exact: true }).click();
  await expect(h.getByText(`@${guest} is invited.`)).toBeVisible();
  await h.keyboard.press('Escape');

  // The guest accepts, then adds the second track from its menu: the host's open page shows it, live.
  await g.goto(`/playlists/${playlistId}`);
  await g.getByRole('button', { name: 'Accept' }).click();
  await g.goto(`/tracks/${secondId}`);
  await g.getByRole('button', { name: `More actions for “${second}”` }).first().click();
  await g.getByRole('menuitem', { name: 'Add to playlist…' }).click();
  await g.getByRole('dialog').getByRole('checkbox', { name: new RegExp(`Road ${run}`) }).check();
  await expect(g.getByText(`Added to “Road ${run}”.`)).toBeVisible();
  const hostList = h.getByRole('list', { name: `Tracks of “Road ${run}”` });
  await expect(hostList.getByRole('heading', { level: 3 })).toHaveText([first, second]);
  await expect(h.getByText(`${guest} updated this playlist.`)).toBeVisible();

  // The host moves it up; the guest's open page follows.
  await g.goto(`/playlists/${playlistId}`);
  const guestList = g.getByRole('list', { name: `Tracks of “Road ${run}”` });
  await expect(guestList.getByRole('heading', { level: 3 })).toHaveText([first, second]);
  await hostList.getByRole('button', { name: `More actions for “${second}”` }).click();
  await h.getByRole('menuitem', { name: 'Move up' }).click();
  await expect(guestList.getByRole('heading', { level: 3 })).toHaveText([second, first]);

  // Listening together: the host starts a session on the first track; the guest joins by its link.
  await h.goto(`/tracks/${firstId}`);
  await h.getByRole('button', { name: 'Listen together' }).first().click();
  await expect(h).toHaveURL(/\/listen\/[0-9a-f-]{36}$/);
  await g.goto(new URL(h.url()).pathname);
  await g.getByRole('button', { name: 'Join' }).click();
  const hostSync = h.getByTestId('listen-sync');
  const guestSync = g.getByTestId('listen-sync');
  await expect(guestSync).toHaveAttribute('data-playing', 'true');
  const positions = async () => {
    const [a, b] = await Promise.all([hostSync.getAttribute('data-position-ms'), guestSync.getAttribute('data-position-ms')]);
    return { host: Number(a), guest: Number(b) };
  };
  // Both play the same moment: the guest's player within 250 ms of where the session is, and of the host's.
  await expect.poll(async () => Math.abs(Number(await guestSync.getAttribute('data-drift-ms'))), { timeout: 20_000 }).toBeLessThanOrEqual(250);
  await expect.poll(async () => { const p = await positions(); return p.host > 0 && Math.abs(p.host - p.guest); }, { timeout: 20_000 }).toBeLessThanOrEqual(600);

  // The host seeks ahead: the guest follows to the new position.
  const before = Number(await guestSync.getAttribute('data-expected-ms'));
  const seek = h.getByRole('slider', { name: 'Seek' }).first();
  await seek.focus();
  for (let i = 0; i < 3; i += 1) await h.keyboard.press('ArrowRight');
  await expect.poll(async () => Number(await guestSync.getAttribute('data-expected-ms')) - before, { timeout: 10_000 }).toBeGreaterThan(4_000);
  await expect.poll(async () => Math.abs(Number(await guestSync.getAttribute('data-drift-ms'))), { timeout: 20_000 }).toBeLessThanOrEqual(250);

  // The host pauses: the guest's player stops too.
  await h.getByRole('button', { name: 'Pause', exact: true }).first().click();
  await expect(guestSync).toHaveAttribute('data-playing', 'false');
  await expect.poll(() => g.getByTestId('audio-player').evaluate((el: HTMLAudioElement) => el.paused)).toBe(true);
});
