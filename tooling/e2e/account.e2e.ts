import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';

// Issue 4's account screens, end to end against the real server: sessions seen and ended from another
// browser, password change, email change, data export and a cancelled account deletion.
const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'a brand new passphrase for veza';
const run = Date.now().toString(36).slice(-5);

async function signUp(page: Page, username: string) {
  await page.goto('/signup');
  await page.getByLabel('Email', { exact: true }).fill(`${username}@example.com`);
  await page.getByLabel('Username', { exact: true }).fill(username);
  await expect(page.getByText(`@${username} is available.`)).toBeVisible();
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
}

async function logIn(page: Page, username: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Email or username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
}

/** Runs a sensitive action, confirming it is us if the API asks for a step-up (a fresh sign-in may already count). */
async function withStepUpIfAsked(page: Page, action: () => Promise<void>, done: Locator, password = PASSWORD) {
  await action();
  const dialog = page.getByRole('dialog', { name: "Confirm it's you" });
  await expect(dialog.or(done).first()).toBeVisible();
  if (await dialog.isVisible()) {
    await dialog.getByLabel('Password', { exact: true }).fill(password);
    await dialog.getByRole('button', { name: 'Confirm' }).click();
  }
  await expect(done).toBeVisible();
}

test('sessions: this device, a second sign-in elsewhere, ended from here: the other browser is signed out', async ({ page, browser }) => {
  const user = `ses${run}`;
  await signUp(page, user);

  // /settings opens the account tab; the header links to it.
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page).toHaveURL(/\/settings\/account$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Account' })).toBeVisible();
  await expect(page.getByText(`${user}@example.com`, { exact: true })).toBeVisible();
  await expect(page.getByText('Not verified', { exact: true })).toBeVisible();

  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Sessions' }).click();
  const devices = page.getByRole('list', { name: 'Signed-in devices' });
  await expect(devices.getByRole('listitem').filter({ hasText: 'This device' })).toHaveCount(1);
  await expect(devices.locator(':scope > li')).toHaveCount(1);

  // The same account signs in from a second browser.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await logIn(otherPage, user, PASSWORD);
  await expect(otherPage.getByRole('button', { name: 'Log out' })).toBeVisible();

  // Here, it shows up; end it.
  await page.reload();
  await expect(devices.locator(':scope > li')).toHaveCount(2);
  await devices.getByRole('button').click();
  const dialog = page.getByRole('dialog', { name: 'Log out this device?' });
  await dialog.getByRole('button', { name: 'Log out this device' }).click();
  await expect(page.getByText(/has been logged out\.$/)).toBeVisible();
  await expect(devices.locator(':scope > li')).toHaveCount(1);

  // The other browser is signed out at its next call.
  await otherPage.goto('/settings/sessions');
  await expect(otherPage).toHaveURL(/\/login\?next=%2Fsettings%2Fsessions$/);
  await expect(otherPage.getByRole('link', { name: 'Log in' })).toBeVisible();
  await other.close();

  // "Log out everywhere" ends this one too.
  await page.getByRole('button', { name: 'Log out everywhere', exact: true }).click();
  await page.getByRole('dialog', { name: 'Log out everywhere?' }).getByRole('button', { name: 'Log out everywhere' }).click();
  // (A request already in flight may hit the ended session first: the login page then remembers where we were.)
  await expect(page).toHaveURL(/\/login(\?next=%2Fsettings%2Fsessions)?$/);
  await expect(page.getByRole('link', { name: 'Log in' })).toBeVisible();
  await page.goto('/settings/sessions');
  await expect(page).toHaveURL(/\/login\?next=/);
});

test('account: change password, change email, export my data, request and cancel the deletion', async ({ page }) => {
  const user = `acc${run}`;
  await signUp(page, user);
  await page.goto('/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Account' })).toBeVisible();

  // Password.
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Confirm the new password').fill(NEW_PASSWORD);
  await withStepUpIfAsked(page, () => page.getByRole('button', { name: 'Change password' }).click(), page.getByText('Password changed'));

  // Email: the change waits for the link sent to the new address.
  await page.getByRole('button', { name: 'Change email' }).click();
  await page.getByLabel('New email').fill(`${user}.new@example.com`);
  await withStepUpIfAsked(page, () => page.getByRole('button', { name: 'Send the confirmation link' }).click(), page.getByText(`Check your inbox at ${user}.new@example.com`), NEW_PASSWORD);

  // Export: a JSON file named after the account.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download my data' }).click()]);
  expect(download.suggestedFilename()).toBe(`veza-export-${user}.json`);
  const exported = JSON.parse(await readFile(await download.path(), 'utf8')) as { profile: { username: string; email: string } };
  expect(exported.profile).toMatchObject({ username: user, email: `${user}@example.com` });

  // Deletion: typed confirmation, then the banner, then cancelled.
  const section = page.getByRole('region', { name: 'Delete my account' });
  await section.getByRole('button', { name: 'Delete my account' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete your account?' });
  await dialog.getByLabel(`Type your username (${user}) to confirm`).fill(user);
  await withStepUpIfAsked(page, () => dialog.getByRole('button', { name: 'Delete my account' }).click(), page.getByText(/^Your account will be deleted on /), NEW_PASSWORD);
  await page.reload();
  await expect(page.getByText(/^Your account will be deleted on /)).toBeVisible();
  await section.getByRole('button', { name: 'Cancel deletion' }).click();
  await expect(page.getByText('Deletion cancelled. Your account stays.')).toBeVisible();
  await expect(page.getByText(/^Your account will be deleted on /)).toBeHidden();

  // The new password signs in; the old one does not.
  await page.getByRole('button', { name: 'Log out' }).click();
  await logIn(page, user, PASSWORD);
  await expect(page.getByRole('alert').filter({ hasText: /Incorrect/ })).toBeVisible();
  await logIn(page, user, NEW_PASSWORD);
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
});
