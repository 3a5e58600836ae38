import { expect, test, type Page } from '@playwright/test';
import { sineWav } from '@veza/media';

// Search (issue 12), end to end: three tracks with a word of their own (`zq<run>`), tags and genres; the header's
// search box suggests one as it is typed and opens it from the keyboard; the results page applies the query language
// (`lofi -rain`) and then a genre facet, the results and the URL following each.
const PASSWORD = 'correct horse battery staple';
const run = Date.now().toString(36).slice(-5);
const username = `se${run}`;
const WORD = `zq${run}`;
const TRACKS = [
  { title: `${WORD} Lofi Rain`, genre: 'lo-fi', tags: ['lofi', 'rain'] },
  { title: `${WORD} Lofi Sunrise`, genre: 'lo-fi', tags: ['lofi'] },
  { title: `${WORD} Lofi Jazz Cafe`, genre: 'jazz', tags: ['lofi', 'cafe'] },
] as const;

/** A tRPC call from `page`'s session (its cookies), as the app makes it. */
async function call<T>(page: Page, kind: 'query' | 'mutation', path: string, input: unknown): Promise<T> {
  const origin = new URL(page.url()).origin;
  const res =
    kind === 'query'
      ? await page.request.get(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`)
      : await page.request.post(`/trpc/${path}`, { data: input, headers: { origin } });
  expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
  return ((await res.json()) as { result: { data: T } }).result.data;
}

test('the header box suggests and opens a track; the results page applies an operator and a facet', async ({ page }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/signup');
  await page.getByLabel('Email', { exact: true }).fill(`${username}@example.com`);
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();

  // Three short tones, tagged, with a genre; found once they are ready.
  const origin = new URL(page.url()).origin;
  const ids: string[] = [];
  for (const [i, t] of TRACKS.entries()) {
    const upload = await page.request.post('/api/tracks', {
      headers: { origin },
      multipart: { title: t.title, file: { name: `t${i}.wav`, mimeType: 'audio/wav', buffer: sineWav({ seconds: 2, frequency: 330 + i * 110 }) } },
    });
    expect(upload.status(), await upload.text()).toBeLessThan(300);
    ids.push(((await upload.json()) as { id: string }).id);
  }
  for (const [i, t] of TRACKS.entries()) {
    const id = ids[i] as string;
    await expect.poll(async () => (await call<{ status: string }>(page, 'query', 'tracks.byId', { id })).status, { timeout: 40_000 }).toBe('ready');
    await call(page, 'mutation', 'tracks.update', { id, genre: t.genre, tags: [...t.tags] });
  }

  // The header's search: typing suggests the track; ↓ highlights it, Enter opens it.
  const header = page.getByRole('banner');
  const box = header.getByRole('combobox', { name: 'Search' });
  await header.getByRole('button', { name: 'Search' }).click();
  await expect(box).toBeFocused();
  await page.keyboard.type(`${WORD} sunr`);
  const tracks = page.getByRole('group', { name: 'Tracks' });
  await expect(tracks.getByRole('option', { name: new RegExp(`${WORD} Lofi Sunrise`) })).toBeVisible();
  await box.press('ArrowDown');
  // The highlighted row: React Aria's virtual focus (the field's aria-activedescendant, data-focused on the row).
  const sunrise = page.getByRole('listbox').getByRole('option', { name: new RegExp(`${WORD} Lofi Sunrise`) });
  await expect(sunrise).toHaveAttribute('data-focused', 'true');
  await expect(box).toHaveAttribute('aria-activedescendant', (await sunrise.getAttribute('id')) ?? 'none');
  await box.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/tracks/${ids[1]}$`));
  await expect(page.getByRole('heading', { level: 1, name: `${WORD} Lofi Sunrise` })).toBeVisible();

  // The results page: `-rain` leaves the rainy one out.
  await header.getByRole('button', { name: 'Search' }).click();
  await box.fill(`${WORD} lofi -rain`);
  await box.press('Escape');
  await box.press('Enter');
  await expect(page).toHaveURL(/\/search\?q=/);
  const results = page.getByRole('list', { name: `Tracks matching “${WORD} lofi -rain”` });
  await expect(results.getByRole('heading', { level: 3 })).toHaveCount(2);
  await expect(results.getByRole('heading', { level: 3, name: `${WORD} Lofi Sunrise` })).toBeVisible();
  await expect(results.getByRole('heading', { level: 3, name: `${WORD} Lofi Jazz Cafe` })).toBeVisible();
  await expect(results.getByText(`${WORD} Lofi Rain`, { exact: true })).toHaveCount(0);

  // A genre facet: only the jazz one is left, and the URL says so.
  await page.getByRole('group', { name: 'Genre' }).getByRole('checkbox', { name: /Jazz/ }).check();
  await expect(page).toHaveURL(/genre=jazz/);
  await expect(results.getByRole('heading', { level: 3 })).toHaveCount(1);
  await expect(results.getByRole('heading', { level: 3 })).toHaveText(`${WORD} Lofi Jazz Cafe`);
});
