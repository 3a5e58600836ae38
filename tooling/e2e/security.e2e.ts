import { expect, test, type Locator, type Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';

// Issue 4's sign-in security, end to end against the real server: an authenticator app (TOTP) with
// replay protection and single-use recovery codes, then passkeys with Chromium's virtual authenticator.
const PASSWORD = 'correct horse battery staple';
const run = Date.now().toString(36).slice(-5);

async function signUp(page: Page, username: string) {
  await page.goto('/signup');
  await page.getByLabel('Email', { exact: true }).fill(`${username}@example.com`);
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
}

async function logOut(page: Page) {
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('link', { name: 'Log in' })).toBeVisible();
}

/** The password step; with 2FA on, the page then asks for the code. */
async function logInWithPassword(page: Page, username: string) {
  await page.goto('/login');
  await page.getByLabel('Email or username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
}

/** Runs a sensitive action, confirming it is us if the API asks for a step-up (a fresh sign-in may already count). */
async function withStepUpIfAsked(page: Page, action: () => Promise<void>, done: Locator) {
  await action();
  const dialog = page.getByRole('dialog', { name: "Confirm it's you" });
  await expect(dialog.or(done).first()).toBeVisible();
  if (await dialog.isVisible()) {
    await dialog.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await dialog.getByRole('button', { name: 'Confirm' }).click();
  }
  await expect(done).toBeVisible();
}

const totpFor = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });

const secondsLeftInWindow = () => 30 - ((Date.now() / 1000) % 30);

/** Waits until at least `seconds` remain in the current 30-second window. */
async function roomInWindow(seconds: number) {
  const left = secondsLeftInWindow();
  if (left < seconds) await new Promise((resolve) => setTimeout(resolve, (left + 0.5) * 1000));
}

/** Waits for the next 30-second window: a code from the current one has been used up. */
const nextWindow = () => new Promise((resolve) => setTimeout(resolve, (secondsLeftInWindow() + 0.5) * 1000));

test('two-factor authentication: enrol, wrong code refused, right code signs in, a code and a recovery code work once', async ({ page }) => {
  const user = `tfa${run}`;
  await signUp(page, user);

  // Enrol: the key shown beside the QR code is what an authenticator app would store.
  await page.goto('/settings/security');
  await expect(page.getByRole('heading', { level: 1, name: 'Security' })).toBeVisible();
  await withStepUpIfAsked(
    page,
    () => page.getByRole('button', { name: 'Turn on two-factor authentication' }).click(),
    page.getByRole('heading', { name: 'Scan this QR code' }),
  );
  // The QR code is our server's SVG shown through <img>: it loads under the page's Content-Security-Policy.
  const qr = page.getByRole('img', { name: 'QR code to add Veza to your authenticator app' });
  await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s+/g, '');
  const totp = totpFor(secret);
  await roomInWindow(8);
  await page.getByLabel('6-digit code').fill(totp.generate());
  await page.getByRole('button', { name: 'Turn on', exact: true }).click();

  // The recovery codes, shown once.
  const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
  await expect(codes).toHaveCount(10);
  const recoveryCodes = (await codes.allInnerTexts()).map((c) => c.trim());
  await expect(page.getByRole('button', { name: 'Done' })).toBeDisabled();
  await page.getByLabel('I have saved these codes somewhere safe').check();
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByText('10 recovery codes left.')).toBeVisible();
  await logOut(page);

  // The password is no longer enough. (The enrolment used this window's code: start in a fresh one.)
  await nextWindow();
  await logInWithPassword(page, user);
  const codeField = page.getByLabel('6-digit code');
  await expect(codeField).toBeFocused();
  const good = totp.generate();
  const wrong = String((Number(good) + 500_000) % 1_000_000).padStart(6, '0');
  await codeField.fill(wrong);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Log out' })).toHaveCount(0);

  await codeField.fill(good);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
  await logOut(page);

  // The same code again, within the same 30-second window: refused (it was already used).
  await logInWithPassword(page, user);
  await page.getByLabel('6-digit code').fill(good);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Log out' })).toHaveCount(0);

  // A recovery code works…
  await page.getByRole('button', { name: 'Start over' }).click();
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await page.getByRole('button', { name: 'Use a recovery code' }).click();
  await page.getByLabel('Recovery code').fill(recoveryCodes[0]!);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
  await page.goto('/settings/security');
  await expect(page.getByText('9 recovery codes left.')).toBeVisible();
  await logOut(page);

  // …once.
  await logInWithPassword(page, user);
  await page.getByRole('button', { name: 'Use a recovery code' }).click();
  await page.getByLabel('Recovery code').fill(recoveryCodes[0]!);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Log out' })).toHaveCount(0);
});

test('passkeys: add one with a virtual authenticator, sign in with it, see it used, remove it', async ({ page }) => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });

  const user = `pk${run}`;
  await signUp(page, user);
  await page.goto('/settings/security');
  await expect(page.getByText('No passkeys yet')).toBeVisible();

  await page.getByRole('button', { name: 'Add a passkey' }).click();
  const name = page.getByLabel('Name', { exact: true });
  await expect(name).not.toHaveValue('');
  await name.fill('Test laptop');
  await withStepUpIfAsked(page, () => page.getByRole('button', { name: 'Create passkey' }).click(), page.getByText('Passkey “Test laptop” added.'));
  const item = page.getByTestId('passkey-item');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('Test laptop');
  await expect(item).toContainText('Never used');
  await logOut(page);

  // No username, no password: the discoverable credential says who we are.
  await page.goto('/login');
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
  await expect(page.getByRole('link', { name: `Your profile (${user})` })).toBeVisible();

  await page.goto('/settings/security');
  await expect(item).toContainText('Last used');
  await page.getByRole('button', { name: 'Remove Test laptop' }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove this passkey?' });
  await withStepUpIfAsked(page, () => confirm.getByRole('button', { name: 'Remove' }).click(), page.getByText('No passkeys yet'));
  await expect(item).toHaveCount(0);
});
