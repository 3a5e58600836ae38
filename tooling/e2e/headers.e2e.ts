import { expect, test, type Page } from '@playwright/test';

// The built app under the server's strict Content Security Policy, in a real browser: the pages of the
// account area render (styles, scripts, the QR code image) and nothing is refused; the app is never framed.
const PASSWORD = 'correct horse battery staple';
const user = `hdr${Date.now().toString(36).slice(-5)}`;

/**
 * Refusals reported by the page. zod probes whether it may compile validators with `Function('')` (inside
 * try/catch, falling back when refused): that probe is reported as an `eval` refusal and changes nothing.
 */
function watchViolations(page: Page) {
  const refused: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to/i.test(text) && !/script-src eval\b|'unsafe-eval'/.test(text)) refused.push(text);
  });
  return refused;
}

test('the app works under its Content Security Policy and cannot be framed', async ({ page }) => {
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) => console.error(`Refused to (CSP) ${e.violatedDirective} ${e.blockedURI}`)),
  );
  const refused = watchViolations(page);

  const first = await page.goto('/signup');
  const headers = first?.headers() ?? {};
  expect(headers['content-security-policy']).toContain("default-src 'self'");
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['x-content-type-options']).toBe('nosniff');

  await page.getByLabel('Email', { exact: true }).fill(`${user}@example.com`);
  await page.getByLabel('Username', { exact: true }).fill(user);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();

  // Styles from the stylesheet apply (style-src 'self').
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).not.toBe('rgba(0, 0, 0, 0)');

  for (const path of ['/settings/sessions', '/settings/security', '/settings/account', '/']) {
    await page.goto(path);
    await expect(page.getByRole('button', { name: 'Log out', exact: true })).toBeVisible();
  }
  expect(refused).toEqual([]);

  // Another site cannot frame it (frame-ancestors 'none').
  const framed = await page.context().newPage();
  const framedRefusals = watchViolations(framed);
  await framed.setContent(`<iframe src="${new URL('/', page.url()).href}"></iframe>`);
  await expect.poll(() => framedRefusals.length, { timeout: 10_000 }).toBeGreaterThan(0);
});
