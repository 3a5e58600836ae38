import { expect, request, test, type Browser, type Page } from '@playwright/test';

// Chat, end to end, as two people in two browsers: a DM with a live message and an unread badge, a public room
// joined by its link, live delivery both ways, an edit seen live (Up arrow), a reaction and a deletion seen live, markdown
// rendered safely, and a search that jumps to an earlier message far back in the history, and back to the latest.
const PASSWORD = 'correct horse battery staple';
const run = Date.now().toString(36).slice(-5);
const ana = `cha${run}`;
const bob = `chb${run}`;

/** A signed-in browser for a new account (signed up through the API, as the browser would). */
async function signedIn(browser: Browser, baseURL: string, username: string): Promise<Page> {
  const api = await request.newContext({ baseURL });
  const res = await api.post('/trpc/auth.register', { data: { email: `${username}@example.com`, username, password: PASSWORD }, headers: { origin: baseURL } });
  expect(res.status(), await res.text()).toBe(200);
  const context = await browser.newContext({ storageState: await api.storageState() });
  await api.dispose();
  return context.newPage();
}

/**
 * Sends through the API with the page's session, as a client would (quicker than typing), waiting as long as a 429
 * asks and retrying with the same clientMessageId.
 */
async function say(page: Page, baseURL: string, roomId: string, body: string) {
  const clientMessageId = crypto.randomUUID();
  for (;;) {
    const res = await page.request.post('/trpc/chat.messages.send', { data: { roomId, body, clientMessageId }, headers: { origin: baseURL } });
    if (res.status() !== 429) {
      expect(res.status(), await res.text()).toBe(200);
      return;
    }
    await page.waitForTimeout(Number(res.headers()['retry-after'] ?? 1) * 1000);
  }
}

const composer = (page: Page) => page.getByRole('combobox', { name: /^Message / });
const log = (page: Page) => page.getByRole('log');

test('two people chat: DM with unread badge, a public room, live edit, reaction, delete and search', async ({ browser, baseURL }) => {
  test.setTimeout(150_000);
  const a = await signedIn(browser, baseURL!, ana);
  const b = await signedIn(browser, baseURL!, bob);

  // Ana opens the chat from the header and starts a public room.
  await a.goto('/');
  await a.getByRole('link', { name: 'Chat' }).first().click();
  await expect(a.getByRole('heading', { level: 1, name: 'Chat' })).toBeVisible();
  await a.getByRole('button', { name: 'New room' }).click();
  await a.getByLabel('Name').fill(`Studio ${run}`);
  await a.getByRole('button', { name: 'Create room' }).click();
  await expect(a).toHaveURL(/\/chat\/[0-9a-f-]{36}$/);
  const roomUrl = new URL(a.url()).pathname;
  await expect(a.getByRole('link', { name: new RegExp(`Studio ${run}`) })).toHaveAttribute('aria-current', 'page');
  await composer(a).fill('Welcome to the **studio** <script>window.__xss = 1</script>');
  await composer(a).press('Enter');
  await expect(log(a).locator('strong', { hasText: 'studio' })).toBeVisible();
  await expect(log(a).getByText('<script>window.__xss = 1</script>', { exact: false })).toBeVisible();

  // Bob writes to Ana directly while she is in her room.
  await b.goto('/chat');
  await b.getByRole('button', { name: 'New message' }).click();
  await b.getByLabel('Username').fill(ana);
  await b.getByRole('button', { name: 'Open conversation' }).click();
  await expect(b).toHaveURL(/\/chat\/[0-9a-f-]{36}$/);
  await composer(b).fill('Hi Ana, got a minute?');
  await composer(b).press('Enter');
  await expect(log(b).getByText('Hi Ana, got a minute?')).toBeVisible();
  await expect(log(b).getByText('Sending…')).toHaveCount(0);

  // Ana sees the DM in her list with an unread badge, opens it, and the badge goes.
  const dm = a.getByRole('link', { name: new RegExp(bob) });
  await expect(dm.getByLabel('1 unread message')).toBeVisible({ timeout: 30_000 });
  await dm.click();
  await expect(log(a).getByText('Hi Ana, got a minute?')).toBeVisible();
  await expect(dm.getByLabel('1 unread message')).toHaveCount(0);
  await composer(a).fill('Sure! Join my room.');
  await composer(a).press('Enter');
  await expect(log(b).getByText('Sure! Join my room.')).toBeVisible();

  // Bob opens the room by its link, joins, and they talk live both ways.
  await a.goto(roomUrl);
  await b.goto(roomUrl);
  await expect(log(b).locator('strong', { hasText: 'studio' })).toBeVisible();
  await b.getByRole('button', { name: 'Join room' }).click();
  await composer(b).fill('Thanks for the invite');
  await composer(b).press('Enter');
  await expect(log(a).getByText('Thanks for the invite')).toBeVisible();
  await composer(a).fill('Glad you are here');
  await composer(a).press('Enter');
  await expect(log(b).getByText('Glad you are here')).toBeVisible();

  // Ana fixes her last message with the Up arrow; Bob sees the edit live.
  await composer(a).press('ArrowUp');
  const editBox = a.getByRole('combobox', { name: 'Edit your message' });
  await expect(editBox).toHaveValue('Glad you are here');
  await editBox.fill('So glad you are here');
  await editBox.press('Enter');
  await expect(log(b).getByText('So glad you are here')).toBeVisible();
  await expect(log(b).getByText('(edited)')).toBeVisible();

  // Bob reacts to it; Ana sees the count live.
  const edited = log(b).getByRole('article').filter({ hasText: 'So glad you are here' });
  await edited.hover();
  await edited.getByRole('button', { name: 'React' }).click();
  await edited.getByRole('button', { name: 'React with 👍' }).click();
  await expect(edited.getByRole('button', { name: '👍: 1 reaction' })).toHaveAttribute('aria-pressed', 'true');
  await expect(log(a).getByRole('button', { name: '👍: 1 reaction' })).toHaveAttribute('aria-pressed', 'false');

  // Bob deletes his message; Ana sees the tombstone live.
  const mine = log(b).getByRole('article').filter({ hasText: 'Thanks for the invite' });
  await mine.hover();
  await mine.getByRole('button', { name: 'Delete' }).click();
  await b.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(log(a).getByText('Thanks for the invite')).toHaveCount(0);
  await expect(log(a).getByText('This message was deleted.')).toBeVisible();

  // The room gets busy: sixty quick takes push Ana's welcome out of the newest page of history.
  const roomId = roomUrl.split('/').at(-1)!;
  await Promise.all([
    (async () => {
      for (let i = 1; i <= 30; i++) await say(a, baseURL!, roomId, `Take ${i} from Ana`);
    })(),
    (async () => {
      for (let i = 1; i <= 30; i++) await say(b, baseURL!, roomId, `Take ${i} from Bob`);
    })(),
  ]);
  await expect(log(b).getByText('Take 30 from Ana')).toBeVisible();
  await expect(log(b).getByText('Take 30 from Bob')).toBeVisible();

  // Bob looks for Ana's welcome from earlier in the search panel, opens the result and lands on it, highlighted,
  // read from the history around it; then he jumps back to the latest takes. (The chat's own search, in its side panel:
  // the header has a Search button too, for the whole site.)
  await b.getByRole('complementary', { name: 'Conversations' }).getByRole('button', { name: 'Search', exact: true }).click();
  await b.getByRole('searchbox', { name: 'Search messages' }).fill('welcome');
  const result = b.getByRole('link', { name: /Welcome to the \*\*studio\*\*/ });
  await expect(result).toBeVisible();
  await result.click();
  await expect(b).toHaveURL(/\?m=1$/);
  const welcome = log(b).getByRole('article').filter({ hasText: 'Welcome to the' });
  await expect(welcome).toHaveClass(/vw-msg--highlight/);
  await expect(welcome).toBeFocused();
  await expect(log(b).getByText('Take 30 from Bob')).toHaveCount(0);
  await b.getByRole('button', { name: 'Jump to latest' }).click();
  await expect(log(b).getByText('Take 30 from Bob')).toBeVisible();
  await expect(log(b).getByText('Welcome to the', { exact: false })).toHaveCount(0);

  expect(await a.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
});
