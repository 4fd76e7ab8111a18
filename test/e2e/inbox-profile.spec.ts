/**
 * Inboxes and profiles: change a profile in the editor and find it persisted by the engine (and
 * shown again after a reload); add a folder by path, pause and resume it, switch polling, remove it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { apiOf, expect, test } from './ui.ts';

test('a changed inbox profile is persisted, and inboxes can be added, paused and removed', async ({
  page,
  app,
}) => {
  const api = apiOf(app);
  await page.goto(`${app.url}#/inboxes`);
  const card = page.getByTestId('inbox-card').first();
  await expect(card).toContainText(app.inbox);
  await card.getByTestId('edit-profile').click();
  const editor = card.getByTestId('profile-editor');
  await editor.getByTestId('stable-seconds').fill('4');
  await editor.getByTestId('settle-seconds').fill('7.5');
  await editor.getByTestId('move-processed').check();
  await editor.getByTestId('four-eyes').check();
  await editor.getByTestId('keywords-KTP').fill('e-ktp, Kartu Penduduk');
  await editor.getByTestId('add-route-BPKB').click();
  await editor.getByTestId('route-service-BPKB-0').fill('BPKB_VERIFICATION');
  await editor.getByTestId('block-policy').fill('blur\nDUPLICATE:REVIEW');
  await editor.getByTestId('save-profile').click();
  await expect(editor.getByTestId('profile-status')).toHaveText('Saved.');

  const [saved] = await api('inboxes.list');
  expect(saved!.profile).toEqual({
    stableSeconds: 4,
    caseSettleSeconds: 7.5,
    moveProcessed: true,
    fourEyes: true,
    kindKeywords: { KTP: ['e-ktp', 'kartu penduduk'] },
    routes: { BPKB: [{ provider: 'anycheck', service: 'BPKB_VERIFICATION' }] },
    block: ['blur', 'DUPLICATE:REVIEW'],
  });

  // A reload shows what the engine kept.
  await page.reload();
  await page.getByTestId('inbox-card').first().getByTestId('edit-profile').click();
  const again = page.getByTestId('profile-editor');
  await expect(again.getByTestId('stable-seconds')).toHaveValue('4');
  await expect(again.getByTestId('settle-seconds')).toHaveValue('7.5');
  await expect(again.getByTestId('four-eyes')).toBeChecked();
  await expect(again.getByTestId('keywords-KTP')).toHaveValue('e-ktp, kartu penduduk');
  await expect(again.getByTestId('route-service-BPKB-0')).toHaveValue('BPKB_VERIFICATION');
  await expect(again.getByTestId('block-policy')).toHaveValue('blur\nDUPLICATE:REVIEW');

  // Add a second inbox by path (the browser has no folder dialog), pause, poll, remove.
  const second = path.join(app.root, 'branch-2');
  fs.mkdirSync(second);
  await page.getByTestId('inbox-path').fill(second);
  await page.getByRole('textbox', { name: 'Name (optional)' }).fill('Branch 2');
  await page.getByTestId('add-inbox').click();
  const card2 = page.getByTestId('inbox-card').filter({ hasText: 'Branch 2' });
  await expect(card2).toContainText(second);
  await expect(card2.locator('[data-value="watching"]')).toBeVisible();
  await card2.getByTestId('toggle-pause').click();
  await expect(card2.locator('[data-value="paused"]')).toHaveText('Paused');
  await card2.getByTestId('toggle-pause').click();
  await expect(card2.locator('[data-value="watching"]')).toBeVisible();
  await card2.getByTestId('toggle-polling').check();
  await expect(card2.locator('[data-value="polling"]')).toHaveText('Polling');
  expect((await api('inboxes.list')).find((i) => i.path === second)).toMatchObject({
    polling: true,
    paused: false,
    label: 'Branch 2',
  });

  await card2.getByRole('button', { name: 'Remove' }).click();
  const confirm = page.getByRole('dialog', { name: /Remove the inbox Branch 2/ });
  await expect(confirm).toContainText('Its files stay where they are');
  await confirm.getByRole('button', { name: 'Remove' }).click();
  await expect(card2).toHaveCount(0);
  expect((await api('inboxes.list')).map((i) => i.path)).toEqual([app.inbox]);
});
