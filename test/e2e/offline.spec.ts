/**
 * Offline and back: the provider is pointed at an address where nothing listens (as when the
 * branch's link is down) → every screen shows the offline banner with how many verifications
 * wait → pointed back at the built-in sandbox, the waiting work is sent by itself and the banner
 * goes away.
 *
 * Why this way: the built-in AnyCheck sandbox keeps running in the engine while the provider
 * points elsewhere; its address is read from the Providers screen before the change. Its
 * documented default key (SANDBOX.md) is entered with the unreachable address (a provider with a
 * key whose network is down — without a key the engine would rightly say "sign-in failed"), and
 * kept when the address is restored. Saving a provider makes the engine probe it at once, so
 * recovery does not depend on the offline probe's backoff timing.
 */
import { ktpSelfieCase, writeCase } from '../helpers/ui-fixtures.ts';
import { apiOf, expect, test, until } from './ui.ts';

const SANDBOX_KEY = 'cdx-anycheck-sandbox-key';

test('an unreachable provider shows the offline banner with the waiting count, and work resumes when it is back', async ({
  page,
  app,
}) => {
  const api = apiOf(app);
  await page.goto(`${app.url}#/providers`);
  const card = page.getByTestId('provider-anycheck');
  // A fresh engine has not talked to the provider yet ('unknown'); it is the built-in sandbox.
  await expect(card.getByTestId('sandbox-badge')).toBeVisible();
  const sandboxUrl = await card.getByTestId('base-url-anycheck').inputValue();
  expect(sandboxUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);

  // The link goes down.
  await card.getByTestId('base-url-anycheck').fill('http://127.0.0.1:9/');
  await card.getByTestId('api-key-anycheck').fill(SANDBOX_KEY);
  await card.getByTestId('save-anycheck').click();
  await expect(card.getByTestId('provider-message-anycheck')).toContainText('Saved.');
  await expect(card.getByTestId('base-url-anycheck')).toHaveValue('http://127.0.0.1:9/');
  await expect(page.getByTestId('provider-anycheck')).toHaveAttribute('data-state', 'offline');
  const banner = page.getByTestId('offline-banner');
  await expect(banner).toContainText('AnyCheck: Offline');

  // Work keeps arriving and waits.
  writeCase(app.inbox, 'APP-OFF-1', await ktpSelfieCase(5));
  await expect(banner.getByTestId('offline-waiting')).toHaveAttribute('data-count', '1', {
    timeout: 30_000,
  });
  await expect(banner).toContainText('1 verification is waiting');
  await expect(banner).toContainText('sent automatically');
  await page.getByTestId('nav-dashboard').click();
  await expect(page.getByTestId('provider-health-anycheck')).toHaveAttribute(
    'data-state',
    'offline',
  );
  await expect(page.getByTestId('resume-anycheck')).toHaveText(/Try now/);
  await expect(page.getByTestId('offline-banner')).toBeVisible();
  // What waits, and why, on the dashboard.
  const line = page
    .getByTestId('waiting')
    .locator('tr[data-provider="anycheck"][data-phase="READY"]');
  await expect(line).toContainText('Ready to send');
  await expect(line).toContainText('offline');

  // The link is back.
  await page.getByTestId('nav-providers').click();
  const again = page.getByTestId('provider-anycheck');
  await again.getByTestId('base-url-anycheck').fill(sandboxUrl);
  await again.getByTestId('save-anycheck').click();
  await expect(page.getByTestId('provider-anycheck')).toHaveAttribute('data-state', 'online');
  await expect(page.getByTestId('offline-banner')).toBeHidden();
  // The key is write-only: the field empties and only the masked form is shown.
  await expect(page.getByTestId('api-key-anycheck')).toHaveValue('');
  await expect(page.getByTestId('provider-anycheck')).toContainText('Current key: cdx');

  await page.getByTestId('nav-cases').click();
  const row = page
    .getByTestId('cases-row')
    .filter({ has: page.getByRole('link', { name: 'APP-OFF-1', exact: true }) });
  await expect(row.locator('[data-value="DONE"]')).toHaveText('Done', { timeout: 30_000 });
  const kase = await until(
    'the case',
    async () => (await api('cases.list', { search: 'APP-OFF-1' })).items[0],
  );
  expect(kase.decision).toBe('APPROVED');
});
