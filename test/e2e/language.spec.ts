/**
 * Language switch: every label follows (enum labels from shared/i18n included), dates and numbers
 * use id-ID formats, and the choice is remembered by the engine and across reloads.
 */
import { ktpSelfieCase, writeCase } from '../helpers/ui-fixtures.ts';
import { apiOf, expect, test, until } from './ui.ts';

test('switching to Bahasa Indonesia relabels everything, formats for id-ID and is remembered', async ({
  page,
  browser,
  app,
}) => {
  const api = apiOf(app);
  writeCase(app.inbox, 'APP-LANG-1', await ktpSelfieCase(6));
  const kase = await until(
    'a finished case',
    async () => (await api('cases.list', { stage: ['DONE'] })).items[0],
  );

  await page.goto(`${app.url}#/cases`);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Cases' })).toBeVisible();
  const row = page.getByTestId('cases-row').first();
  await expect(row.locator('[data-value="DONE"]')).toHaveText('Done');
  await expect(row.locator('[data-value="APPROVED"]')).toHaveText('Approved');

  await page.getByTestId('lang-select').selectOption('id');
  await expect(page.locator('html')).toHaveAttribute('lang', 'id');
  const navId = page.getByRole('navigation', { name: 'Menu utama' });
  await expect(navId.getByRole('link', { name: 'Kasus' })).toBeVisible();
  await expect(navId.getByRole('link', { name: 'Dasbor' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kasus');
  await expect(row.locator('[data-value="DONE"]')).toHaveText('Selesai');
  await expect(row.locator('[data-value="APPROVED"]')).toHaveText('Disetujui');
  // Dates as id-ID writes them (the same formatter the page uses), numbers with id-ID separators.
  const expectedDate = new Intl.DateTimeFormat('id-ID', {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(kase.updatedAt);
  await expect(row).toContainText(expectedDate);
  expect(await page.evaluate(() => new Intl.NumberFormat('id-ID').format(1234567))).toBe(
    '1.234.567',
  );

  // The engine remembers the choice…
  await expect.poll(async () => (await api('settings.get')).language).toBe('id');
  // …a reload keeps it…
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kasus');
  await expect(page.getByTestId('cases-total')).toHaveText('1 kasus');
  // …and a browser that never chose (fresh storage) follows the engine.
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(`${app.url}#/dashboard`);
  await expect(other.getByRole('heading', { level: 1 })).toHaveText('Dasbor');
  await expect(other.getByTestId('tile-credits')).toBeVisible();
  await fresh.close();

  // Back to English.
  await page.getByTestId('lang-select').selectOption('en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cases');
  await expect.poll(async () => (await api('settings.get')).language).toBe('en');
});
