/**
 * Drop files on the window → they are written into the inbox → the dashboard shows the queue
 * moving → the cases end as the sandbox decides (DONE / REVIEW).
 */
import { ktpJpeg, selfieJpeg } from '../helpers/ui-fixtures.ts';
import { apiOf, dropFiles, expect, test } from './ui.ts';

test('files dropped on the window become cases that finish as the provider decides', async ({
  page,
  app,
}) => {
  const api = apiOf(app);
  await page.goto(app.url);
  await expect(page.getByTestId('inbox-state').first()).toHaveAttribute('data-state', 'watching');

  // First application: a KTP and a selfie, dropped as loose files into a named case folder.
  await dropFiles(page, [
    { name: 'ktp.jpg', data: await ktpJpeg(1), type: 'image/jpeg' },
    { name: 'selfie.jpg', data: await selfieJpeg(11), type: 'image/jpeg' },
  ]);
  const dialog = page.getByTestId('intake-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('intake-files')).toContainText('ktp.jpg');
  await dialog.getByTestId('intake-case-folder').fill('APP-DROP-1');
  await dialog.getByTestId('intake-submit').click();
  const written = dialog.getByTestId('intake-written');
  await expect(written).toContainText('2 files written');
  await expect(written).toContainText('APP-DROP-1/ktp.jpg');
  await expect(written).toContainText('APP-DROP-1/selfie.jpg');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  // Second application: the selfie's name carries the sandbox marker that asks for a review.
  await dropFiles(page, [
    { name: 'ktp.jpg', data: await ktpJpeg(2), type: 'image/jpeg' },
    { name: 'selfie CDX-NEED_REVIEW.jpg', data: await selfieJpeg(12), type: 'image/jpeg' },
  ]);
  await dialog.getByTestId('intake-case-folder').fill('APP-DROP-2');
  await dialog.getByTestId('intake-submit').click();
  await expect(dialog.getByTestId('intake-written')).toContainText('2 files written');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // Progress on the dashboard: the queue fills, then everything is through.
  const progress = page.getByTestId('queue-progress-text');
  await expect(progress).toContainText('2 of 2 through (100%)', { timeout: 45_000 });
  await expect(page.getByTestId('eta')).toContainText('nothing left to send');
  await expect(page.getByTestId('tile-reviewQueue')).toHaveText('1');
  await expect(page.getByTestId('phase-DONE')).toContainText('1');
  await expect(page.getByTestId('phase-NEEDS_PERSON')).toContainText('1');

  // Results in the cases table.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cases' }).click();
  const rowOf = (key: string) =>
    page
      .getByTestId('cases-row')
      .filter({ has: page.getByRole('link', { name: key, exact: true }) });
  await expect(rowOf('APP-DROP-1').locator('[data-value="DONE"]')).toHaveText('Done');
  await expect(rowOf('APP-DROP-1').locator('[data-value="APPROVED"]')).toHaveText('Approved');
  await expect(rowOf('APP-DROP-2').locator('[data-value="REVIEW"]').first()).toHaveText(
    'Needs review',
  );

  // The engine agrees: nothing lost, each file recorded in its case.
  const files = await api('files.list', { limit: 50 });
  expect(files.items.map((f) => f.relPath).sort()).toEqual([
    'APP-DROP-1/ktp.jpg',
    'APP-DROP-1/selfie.jpg',
    'APP-DROP-2/ktp.jpg',
    'APP-DROP-2/selfie CDX-NEED_REVIEW.jpg',
  ]);
  expect(files.items.every((f) => f.state === 'RECORDED')).toBe(true);
});
