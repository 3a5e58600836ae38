import { expect, test, type Page } from '@playwright/test';
import { sineWav } from '@veza/media';

// The foundation slice, as two people would use it: sign up, upload a real audio file, find it,
// play it, get a like from someone else live, log out and back in.
const PASSWORD = 'correct horse battery staple';
const run = Date.now().toString(36).slice(-5);
const ana = `ana${run}`;
const bob = `bob${run}`;
const TITLE = `Sunrise Tone ${run}`;

async function signUp(page: Page, username: string) {
  await page.goto('/signup');
  await page.getByLabel('Email', { exact: true }).fill(`${username}@example.com`);
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
}

test('sign up, upload, play, get a live like, log out and back in', async ({ page, browser }) => {
  await signUp(page, ana);

  // Upload a generated 4-second tone.
  await page.getByRole('link', { name: 'Upload' }).click();
  await page.getByLabel('Choose audio files or drop them here').setInputFiles({
    name: 'sunrise.wav',
    mimeType: 'audio/wav',
    buffer: sineWav({ seconds: 4, frequency: 523.25 }),
  });
  // It starts at once; the title can change while it uploads: it is saved beside the upload and the track is created with it.
  const item = page.getByTestId('upload-item');
  await item.getByLabel('Title', { exact: true }).fill(TITLE);
  await expect(item).toHaveAttribute('data-status', 'done');
  await expect(item.getByText('Changes saved.')).toBeVisible();
  await item.getByRole('link', { name: /Open track/ }).click();
  await expect(page).toHaveURL(/\/tracks\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  const trackUrl = new URL(page.url()).pathname;

  // It is on the home page and on the profile.
  await page.getByRole('link', { name: 'Home' }).click();
  await expect(page.getByRole('link', { name: TITLE })).toBeVisible();
  await page.goto(`/u/${ana}`);
  await expect(page.getByRole('link', { name: TITLE })).toBeVisible();

  // Open it and play: the audio element's clock moves.
  await page.getByRole('link', { name: TITLE }).click();
  await expect(page).toHaveURL(trackUrl);
  await page.getByRole('button', { name: `Play “${TITLE}”` }).first().click();
  const audio = page.getByTestId('audio-player');
  await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.currentTime), { timeout: 15_000 }).toBeGreaterThan(0.5);
  await expect(page.getByRole('region', { name: 'Player' })).toContainText(TITLE);

  // Someone else likes it, in another browser context…
  const other = await browser.newContext();
  const bobPage = await other.newPage();
  await signUp(bobPage, bob);
  await bobPage.goto(trackUrl);
  const like = bobPage.getByRole('button', { name: /^Like/ });
  await like.click();
  await expect(like).toHaveAttribute('aria-pressed', 'true');
  await expect(like).toContainText('1');

  // …and the owner sees it live, without reloading.
  await expect(page.getByText(`${bob} liked “${TITLE}”`)).toBeVisible();
  await other.close();

  // Log out, log back in.
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('link', { name: 'Log in' })).toBeVisible();
  await page.goto('/login');
  await page.getByLabel('Email or username').fill(ana);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
  await page.goto(trackUrl);
  await expect(page.getByRole('button', { name: /^Like/ })).toHaveAttribute('aria-pressed', 'false');
});

test('speaks French', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Language').selectOption('fr');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('link', { name: 'Se connecter' })).toBeVisible();
});
