import { expect, test, type Page } from '@playwright/test';
import { sineWav } from '@veza/media';

// The track page as its owner and as a listener, in a real browser: what only layout can show (BPM and Key side by
// side on one line), a cover that is staged until Save, the owner-only file details, Delete in the "…" menu, tag links.
const PASSWORD = 'correct horse battery staple';
const run = Date.now().toString(36).slice(-5);
const owner = `tp${run}`;
const TITLE = `Staged Cover ${run}`;
// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

async function signUp(page: Page, username: string) {
  await page.goto('/signup');
  await page.getByLabel('Email', { exact: true }).fill(`${username}@example.com`);
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
}

test('owner tools, staged cover, aligned BPM and Key, and what a listener sees', async ({ page, browser }) => {
  await signUp(page, owner);
  await page.goto('/upload');
  await page.getByLabel('Choose audio files or drop them here').setInputFiles({ name: 'tone.wav', mimeType: 'audio/wav', buffer: sineWav({ seconds: 2 }) });
  const item = page.getByTestId('upload-item');
  await item.getByLabel('Title', { exact: true }).fill(TITLE);
  await expect(item).toHaveAttribute('data-status', 'done');
  await expect(item.getByText('Changes saved.')).toBeVisible();
  await item.getByRole('link', { name: /Open track/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  const trackUrl = new URL(page.url()).pathname;
  // Public lists (the tag page) show tracks once they play for everyone.
  await expect(page.getByText('Ready — adaptive streaming is on')).toBeVisible({ timeout: 60_000 });

  // The owner: file details, and Delete only inside the "…" menu.
  await expect(page.getByRole('region', { name: 'File details' })).toContainText('WAV');
  await expect(page.getByRole('button', { name: 'Delete' })).toHaveCount(0);
  await page.getByRole('button', { name: `More actions for “${TITLE}”` }).click();
  await expect(page.getByRole('menuitem', { name: 'Delete' })).toBeVisible();
  await page.keyboard.press('Escape');

  // Edit: BPM input and Key select on one line, labels too.
  await page.getByRole('button', { name: 'Edit' }).click();
  const bpm = (await page.getByLabel('BPM').boundingBox())!;
  const key = (await page.getByLabel('Musical key').boundingBox())!;
  expect(Math.abs(bpm.y - key.y)).toBeLessThanOrEqual(1);
  expect(Math.abs(bpm.height - key.height)).toBeLessThanOrEqual(1);
  const bpmLabel = (await page.locator('label', { hasText: /^BPM$/ }).boundingBox())!;
  const keyLabel = (await page.locator('label', { hasText: /^Musical key$/ }).boundingBox())!;
  expect(Math.abs(bpmLabel.y - keyLabel.y)).toBeLessThanOrEqual(1);

  // A chosen cover is only staged: no request until Save; Cancel drops it.
  const coverRequests: string[] = [];
  page.on('request', (request) => {
    if (/\/api\/tracks\/[^/]+\/cover$/.test(new URL(request.url()).pathname) && request.method() !== 'GET') coverRequests.push(request.method());
  });
  await page.getByLabel(/^Choose an image/).setInputFiles({ name: 'cover.png', mimeType: 'image/png', buffer: PNG });
  await expect(page.getByRole('img', { name: 'Cover preview' })).toBeVisible();
  await page.waitForTimeout(300);
  expect(coverRequests).toEqual([]);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('img', { name: `Cover of “${TITLE}”` })).toHaveCount(0);
  expect(coverRequests).toEqual([]);

  // Chosen again and saved with a tag: the cover is sent by Save, then shows on the page.
  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel(/^Choose an image/).setInputFiles({ name: 'cover.png', mimeType: 'image/png', buffer: PNG });
  await page.getByRole('textbox', { name: 'Tags' }).fill(`tag${run}`);
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('img', { name: `Cover of “${TITLE}”` })).toBeVisible();
  expect(coverRequests).toEqual(['POST']);

  // A listener: no file details, no Delete; the tag leads to the tracks carrying it.
  const other = await browser.newContext();
  const listener = await other.newPage();
  await listener.goto(trackUrl);
  await expect(listener.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await expect(listener.getByRole('region', { name: 'File details' })).toHaveCount(0);
  await expect(listener.getByText('LUFS')).toHaveCount(0);
  await listener.getByRole('link', { name: `tag${run}` }).click();
  await expect(listener).toHaveURL(new RegExp(`/tags/tag${run}$`));
  await expect(listener.getByRole('list', { name: `Tracks tagged tag${run}` }).getByRole('link', { name: TITLE })).toBeVisible();
  await other.close();
});
