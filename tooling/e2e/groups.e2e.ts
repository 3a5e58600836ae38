import { expect, test, type Browser, type Page } from '@playwright/test';

// Groups (issue 12), two people in two browsers: A makes a private group; B finds it, sees only its about card and
// asks to join; A is notified (the notification links to the group's requests) and accepts; B then reads the group's
// feed and has its chat.
const PASSWORD = 'correct horse battery staple';
const run = Date.now().toString(36).slice(-5);
const owner = `ga${run}`;
const asker = `gb${run}`;
const GROUP = `Tape Crew ${run}`;

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

interface NotificationItem {
  type: string;
  url: string;
  actors: { username: string }[];
}

/** The signed-in person's notification centre, through the API with the page's own session. */
async function notifications(page: Page): Promise<NotificationItem[]> {
  const res = await page.request.get(`/trpc/notifications.list?input=${encodeURIComponent(JSON.stringify({}))}`);
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { result: { data: { items: NotificationItem[] } } }).result.data.items;
}

test('a private group: create, ask to join, the owner is notified and accepts, the member reads the feed', async ({ browser }) => {
  test.setTimeout(60_000);
  const [a, b] = await Promise.all([signUp(browser, owner), signUp(browser, asker)]);

  // A makes a private group from the Groups page.
  await a.getByRole('link', { name: 'Groups' }).first().click();
  await a.getByRole('link', { name: 'New group' }).click();
  await a.getByRole('textbox', { name: /Name/ }).fill(GROUP);
  await a.getByRole('textbox', { name: 'Description' }).fill('Cassette experiments only.');
  await a.getByRole('switch', { name: 'Public group' }).uncheck();
  await a.getByRole('button', { name: 'Create the group' }).click();
  await expect(a.getByRole('heading', { level: 1, name: GROUP })).toBeVisible();
  const groupPath = new URL(a.url()).pathname;

  // B opens it: a private group shows its about card and "Request to join" only.
  await b.goto(groupPath);
  await expect(b.getByRole('heading', { level: 1, name: GROUP })).toBeVisible();
  await expect(b.getByText('This group is private')).toBeVisible();
  await expect(b.getByRole('tab')).toHaveCount(1);
  await b.getByRole('button', { name: 'Request to join' }).click();
  await expect(b.getByText('Your request was sent: an admin will answer it.')).toBeVisible();

  // A is notified; the notification opens the group's requests, where A accepts.
  await expect.poll(async () => (await notifications(a)).filter((n) => n.type === 'group.request').length).toBe(1);
  const [notice] = (await notifications(a)).filter((n) => n.type === 'group.request');
  expect(notice?.actors.map((x) => x.username)).toEqual([asker]);
  expect(notice?.url).toMatch(/^\/groups\/[0-9a-f-]{36}\/requests$/);
  await a.goto(notice!.url);
  await expect(a.getByRole('tab', { name: 'Requests', selected: true })).toBeVisible();
  await a.getByRole('button', { name: `Accept ${asker}'s request` }).click();
  await expect(a.getByText(`${asker} is now a member.`)).toBeVisible();
  await expect(a.getByText('No requests')).toBeVisible();

  // B is a member: the feed and members tabs, and the group's chat.
  await b.reload();
  await expect(b.getByRole('link', { name: 'Open the group chat' })).toBeVisible();
  await b.getByRole('tab', { name: 'Feed' }).click();
  await expect(b.getByText('Nothing shared yet')).toBeVisible();
  await expect(b.getByRole('heading', { name: 'Share with the group' })).toBeVisible();
  await b.getByRole('tab', { name: 'Members' }).click();
  await expect(b.getByRole('list', { name: 'Members' }).getByRole('link', { name: asker })).toBeVisible();
});
