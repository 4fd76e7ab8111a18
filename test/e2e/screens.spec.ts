/**
 * Every screen in both languages: a screenshot to test-results/screens/<screen>-<lang>.png and an
 * axe-core check that fails on serious or critical violations (dialogs included).
 */
import { expect, test, type Page } from '@playwright/test';
import { buildStatement, ktpSelfieCase, writeCase } from '../helpers/ui-fixtures.ts';
import type { ServedApp } from './host.ts';
import { apiOf, expectAccessible, screenshot, serveFast, until } from './ui.ts';

let app: ServedApp;

test.beforeAll(async () => {
  app = await serveFast();
  const api = apiOf(app);
  writeCase(app.inbox, 'APP-2024-0117', await ktpSelfieCase(7));
  writeCase(app.inbox, 'APP-2024-0118', await ktpSelfieCase(8, 'CDX-NEED_REVIEW'));
  writeCase(app.inbox, 'APP-2024-0119', {
    'rekening-koran-jan.pdf': await buildStatement({ pages: 2 }),
  });
  await until('the cases to settle', async () => {
    const s = await api('engine.status');
    return (
      s.reviewQueue === 1 &&
      (s.cases.DONE ?? 0) === 2 &&
      s.queue.polling + s.queue.ready + s.queue.submitting === 0
    );
  });
});

test.afterAll(async () => {
  await app?.stop();
});

type Lang = 'en' | 'id';

const SCREENS: { name: string; hash: string; ready(page: Page): Promise<void> }[] = [
  {
    name: 'dashboard',
    hash: 'dashboard',
    ready: (p) => expect(p.getByTestId('queue-progress-text')).toBeVisible(),
  },
  { name: 'cases', hash: 'cases', ready: (p) => expect(p.getByTestId('cases-row')).toHaveCount(3) },
  {
    name: 'case',
    hash: 'cases/2',
    ready: (p) => expect(p.getByTestId('viewer-image')).toBeVisible(),
  },
  {
    name: 'review',
    hash: 'review',
    ready: (p) => expect(p.getByTestId('case-header')).toContainText('APP-2024-0118'),
  },
  {
    name: 'inboxes',
    hash: 'inboxes',
    ready: async (p) => {
      await p.getByTestId('edit-profile').click();
      await expect(p.getByTestId('profile-editor')).toBeVisible();
    },
  },
  {
    name: 'providers',
    hash: 'providers',
    ready: (p) => expect(p.getByTestId('provider-anycheck')).toBeVisible(),
  },
  {
    name: 'export',
    hash: 'export',
    ready: (p) => expect(p.getByTestId('start-export')).toBeVisible(),
  },
  {
    name: 'activity',
    hash: 'activity',
    ready: (p) => expect(p.getByTestId('activity-table').locator('tbody tr').first()).toBeVisible(),
  },
  {
    name: 'files',
    hash: 'files',
    ready: (p) => expect(p.getByTestId('files-table').locator('tbody tr')).toHaveCount(5),
  },
];

for (const lang of ['en', 'id'] as Lang[]) {
  test(`every screen in ${lang === 'en' ? 'English' : 'Bahasa Indonesia'}: screenshot and axe-core`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(app.url);
    await page.getByTestId('lang-select').selectOption(lang);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    const base = app.url.replace(/\?token=.*/, '');
    for (const s of SCREENS) {
      await page.goto(`${base}#/${s.hash}`);
      await s.ready(page);
      await screenshot(page, s.name, lang);
      await expectAccessible(page, `${s.name} (${lang})`);
    }

    // Dialogs: the review action with its reason, the cheat sheet, and adding files.
    await page.goto(`${base}#/review`);
    await expect(page.getByTestId('case-header')).toBeVisible();
    await page.keyboard.press('r');
    await expect(page.getByTestId('action-dialog')).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('dialog-error')).toBeVisible();
    await screenshot(page, 'review-reject-dialog', lang);
    await expectAccessible(page, `reject dialog (${lang})`);
    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    await expect(page.getByTestId('cheat-sheet')).toBeVisible();
    await screenshot(page, 'review-shortcuts', lang);
    await expectAccessible(page, `cheat sheet (${lang})`);
    await page.keyboard.press('Escape');
    await page.getByTestId('add-files').click();
    await expect(page.getByTestId('intake-dialog')).toBeVisible();
    await expectAccessible(page, `add files dialog (${lang})`);
  });
}
