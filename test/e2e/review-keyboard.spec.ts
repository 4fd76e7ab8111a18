/**
 * The review routine with the keyboard only: the queue opens oldest first, J/K move, ? shows the
 * cheat sheet, R asks for a reason (an empty one is refused), Enter confirms and the next case
 * opens by itself. A case that changed meanwhile gives a clear error and is read again.
 */
import { ktpSelfieCase, writeCase } from '../helpers/ui-fixtures.ts';
import { apiOf, expect, test, until } from './ui.ts';

test('reject with a reason, decide-and-next, then a stale approval is refused clearly', async ({
  page,
  app,
}) => {
  const api = apiOf(app);
  writeCase(app.inbox, 'APP-R1', await ktpSelfieCase(3, 'CDX-NEED_REVIEW'));
  // Oldest first: the second case is created a moment later.
  await until('the first case', async () => (await api('cases.list', {})).total >= 1);
  writeCase(app.inbox, 'APP-R2', await ktpSelfieCase(4, 'CDX-NEED_REVIEW'));
  await until('both cases in review', async () => (await api('review.list', {})).total === 2);

  await page.goto(app.url);
  // Keyboard only from here: reach the Review link with Tab and open it with Enter.
  const reviewLink = page.getByTestId('nav-review');
  for (
    let i = 0;
    i < 10 && !(await reviewLink.evaluate((el) => el === document.activeElement));
    i++
  )
    await page.keyboard.press('Tab');
  await expect(reviewLink).toBeFocused();
  await page.keyboard.press('Enter');

  const header = page.getByTestId('case-header');
  await expect(header).toContainText('APP-R1');
  await expect(page.getByTestId('review-item').first()).toHaveAttribute('data-case-key', 'APP-R1');

  // Cheat sheet.
  await page.keyboard.press('?');
  const sheet = page.getByTestId('cheat-sheet');
  await expect(sheet).toBeVisible();
  await expect(sheet).toContainText('Next case');
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();

  // J / K.
  await page.keyboard.press('j');
  await expect(header).toContainText('APP-R2');
  await page.keyboard.press('k');
  await expect(header).toContainText('APP-R1');

  // R: reject needs a reason; Enter on an empty one is refused.
  await page.keyboard.press('r');
  const dialog = page.getByTestId('action-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('reason-input')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog.getByTestId('dialog-error')).toContainText('Write a reason first');
  await expect(dialog).toBeVisible();
  await page.keyboard.type('Selfie does not show the card holder');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();

  // Decide-and-next: APP-R2 opens by itself.
  await expect(page.getByTestId('review-status')).toContainText('Reject: APP-R1 done');
  await expect(header).toContainText('APP-R2');
  const r1 = (await api('cases.list', { search: 'APP-R1' })).items[0]!;
  const detail1 = await api('cases.get', { id: r1.id });
  expect(detail1.verifications[0]!.review).toBe('RESOLVED_DECLINED');
  expect(
    detail1.history.some(
      (e) => e.what === 'review:reject' && e.reason === 'Selfie does not show the card holder',
    ),
  ).toBe(true);

  // A: approve — but a colleague approves the same case first (through the engine directly).
  await page.keyboard.press('a');
  await expect(dialog).toBeVisible();
  const r2 = (await api('cases.list', { search: 'APP-R2' })).items[0]!;
  const allowed = (await api('cases.get', { id: r2.id })).allowedActions.find(
    (x) => x.action === 'approve',
  )!;
  await api('review.act', {
    caseId: r2.id,
    action: 'approve',
    verificationId: allowed.verificationId,
  });
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  const error = page.getByTestId('error-note');
  await expect(error).toHaveAttribute('data-code', 'ACTION_NOT_ALLOWED');
  await expect(error).toContainText('the case changed');
  // …and the case was read again: it is done now, with nothing left to decide.
  await expect(header).toHaveAttribute('data-stage', 'DONE');
  await expect(page.getByTestId('action-bar')).toContainText('Nothing to decide');
  await expect(page.getByTestId('review-count')).toContainText('0 cases waiting');
});
