/**
 * A password-protected bank statement: the case screen asks for the password, says clearly when
 * it is wrong, and once it is right the statement is checked and sent; the password never shows
 * up again in the page.
 */
import { buildEncryptedPdf } from '../helpers/checks-fixtures.ts';
import { writeCase } from '../helpers/ui-fixtures.ts';
import { apiOf, expect, expectAccessible, screenshot, test, until } from './ui.ts';

const PASSWORD = 'lahir-01021990';

test('a locked PDF asks for its password on the case screen; a wrong one is refused, the right one sends it', async ({
  page,
  app,
}) => {
  const api = apiOf(app);
  writeCase(app.inbox, 'APP-LOCKED', { 'rekening koran.pdf': buildEncryptedPdf(PASSWORD) });
  const held = await until('the held case', async () => {
    const c = (await api('cases.list', { search: 'APP-LOCKED' })).items[0];
    if (!c) return null;
    const d = await api('cases.get', { id: c.id });
    return d.verifications[0]?.phase === 'HELD' ? d : null;
  });

  await page.goto(`${app.url}#/cases/${held.case.id}`);
  const prompt = page.getByTestId('password-prompt');
  await expect(prompt).toBeVisible();
  await expectAccessible(page, 'case with a password prompt');
  const input = prompt.getByLabel('PDF password');
  await expect(input).toHaveAttribute('type', 'password');

  await input.fill('salah');
  await prompt.getByRole('button', { name: 'Unlock' }).click();
  await expect(prompt.getByTestId('password-wrong')).toContainText('does not open this PDF');
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await screenshot(page, 'case-password', 'en');

  await input.fill(PASSWORD);
  await input.press('Enter');
  await expect(page.getByTestId('password-given')).toBeVisible();
  await expect(prompt).toBeHidden();
  // Checked again with the password, released, sent and answered by the sandbox.
  await expect(page.getByTestId('provider-result').first()).toHaveAttribute(
    'data-verification-id',
    String(held.verifications[0]!.id),
  );
  await until('the verification answered', async () => {
    const d = await api('cases.get', { id: held.case.id });
    return d.verifications[0]?.runStatus === 'COMPLETED' ? d : null;
  });
  await expect(page.getByTestId('external-id').first()).not.toHaveText('—');
  expect(await page.content()).not.toContain(PASSWORD);
});
