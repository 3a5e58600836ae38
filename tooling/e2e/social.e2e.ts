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
