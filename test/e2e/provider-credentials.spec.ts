/**
 * Every sign-in field of a provider on the Providers screen: FrankieOne needs an API key and a
 * customer id. Entered and saved, the page shows the key only masked and the customer id in
 * clear; the connection test against FrankieOne's sandbox then passes. Removing the customer id
 * is an explicit per-field action, and the page and the test say it is needed.
 */
import type { Page } from '@playwright/test';
import { startFrankieOneSandbox } from '../../electron/engine/providers/frankieone/index.ts';
import type { RunningSandbox } from '../../electron/engine/providers/types.ts';
import { apiOf, expect, expectAccessible, test } from './ui.ts';

const FRANKIE_KEY = 'fk-e2e-4c1d9a7b3e5f2a8d6c0b';
const CUSTOMER_ID = 'CUST-E2E-0042';
let frankie: RunningSandbox;

test.beforeEach(async () => {
  frankie = await startFrankieOneSandbox({ apiKey: FRANKIE_KEY });
});

test.afterEach(async () => {
  await frankie.close();
});

async function expectNoSecret(page: Page): Promise<void> {
  expect(await page.content()).not.toContain(FRANKIE_KEY);
  const values = await page
    .locator('input')
    .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  expect(values).not.toContain(FRANKIE_KEY);
}

test('FrankieOne: API key and customer id are saved; the key shows only masked, the customer id in clear', async ({
  page,
  app,
}) => {
  await page.goto(`${app.url}#/providers`);
  const card = page.getByTestId('provider-frankieone');
  await expect(card).toContainText('Not configured');
  // Secret fields are password inputs, identifiers plain text, each with its own label.
  const key = card.getByLabel('API key', { exact: true });
  const customer = card.getByLabel('Customer ID', { exact: true });
  await expect(key).toHaveAttribute('type', 'password');
  await expect(key).toHaveAttribute('autocomplete', 'off');
  await expect(customer).toHaveAttribute('type', 'text');
  await expect(card.getByLabel('Customer child ID (optional)')).toBeVisible();
  await expect(card.getByTestId('credential-hint-frankieone-apiKey')).toHaveText('No key stored.');
  await expect(card.getByTestId('credential-hint-frankieone-customerId')).toHaveText('Not set.');

  await card.getByTestId('base-url-frankieone').fill(frankie.url);
  await key.fill(FRANKIE_KEY);
  await customer.fill(CUSTOMER_ID);
  await card.getByTestId('save-frankieone').click();
  await expect(card.getByTestId('provider-message-frankieone')).toContainText('Saved.');

  // Write-only: the inputs empty, the hints show what is stored.
  await expect(key).toHaveValue('');
  await expect(customer).toHaveValue('');
  await expect(card.getByTestId('credential-hint-frankieone-apiKey')).toHaveText(
    'Current key: fk-…6c0b',
  );
  await expect(card.getByTestId('credential-hint-frankieone-customerId')).toHaveText(
    `Current value: ${CUSTOMER_ID}`,
  );
  await expect(card.getByTestId('credential-hint-frankieone-customerChildId')).toHaveText(
    'Not set.',
  );
  await expectNoSecret(page);

  await card.getByTestId('test-frankieone').click();
  await expect(card.getByTestId('provider-message-frankieone')).toContainText('Connection works');
  await expectAccessible(page, 'providers with credentials');

  // Only what changed is sent: the customer id is removed, the key stays.
  await card.getByTestId('credential-remove-frankieone-customerId').click();
  await expect(card.getByTestId('credential-hint-frankieone-customerId')).toHaveText(
    'Will be removed when you save.',
  );
  await card.getByTestId('save-frankieone').click();
  await expect(card.getByTestId('credential-frankieone-customerId')).toHaveAttribute(
    'data-missing',
    'true',
  );
  await expect(card.getByTestId('credential-hint-frankieone-customerId')).toContainText(
    'Not set. Needed before this provider can be used.',
  );
  await expect(card.getByTestId('credential-hint-frankieone-apiKey')).toHaveText(
    'Current key: fk-…6c0b',
  );
  await card.getByTestId('test-frankieone').click();
  await expect(card.getByTestId('provider-message-frankieone')).toContainText(
    'Connection failed: frankieone cannot be used yet: it needs the credential customerId',
  );
  await expectNoSecret(page);

  const listed = JSON.stringify(await apiOf(app)('providers.list'));
  expect(listed).not.toContain(FRANKIE_KEY);
  await expectAccessible(page, 'providers with a missing credential');
});

test('the fields and hints are in Bahasa Indonesia too', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByTestId('lang-select').selectOption('id');
  await page.getByTestId('nav-providers').click();
  const card = page.getByTestId('provider-advanceai');
  await expect(card.getByLabel('Kunci akses', { exact: true })).toHaveAttribute('type', 'password');
  await expect(card.getByLabel('Kunci rahasia', { exact: true })).toHaveAttribute(
    'type',
    'password',
  );
  await expect(card.getByTestId('credential-hint-advanceai-secretKey')).toHaveText(
    'Belum ada kunci tersimpan.',
  );
  await expect(page.getByTestId('provider-anycheck')).toContainText(
    'Masuk dengan salah satu: Kunci API, atau Email dan Kata sandi.',
  );
  await expectAccessible(page, 'providers (id)');
});
