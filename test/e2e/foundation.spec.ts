import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './ui.ts';

test.use({ fastTimings: false });

test('a file dropped into the inbox appears in the UI without reloading', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Files' }).click();
  await expect(page.getByText('No files yet')).toBeVisible();
  const before = page.url();

  fs.mkdirSync(path.join(app.inbox, 'APP-2024-0117'));
  fs.writeFileSync(
    path.join(app.inbox, 'APP-2024-0117', 'ktp.jpg'),
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 0xff, 0xd9]),
  );

  const row = page.getByTestId('files-table').getByRole('row', { name: /APP-2024-0117\/ktp\.jpg/ });
  await expect(row).toBeVisible();
  // State and kind are shown as labels (shared/i18n); the canonical state rides along as data.
  await expect(row).toHaveAttribute('data-state', 'RECORDED');
  await expect(row).toContainText('Recorded');
  await expect(row).toContainText('KTP');
  expect(page.url()).toBe(before); // no reload, no navigation
  expect(page.url()).not.toContain('token='); // the token left the address bar
  await page.screenshot({ path: 'test-results/screens/files-en.png', fullPage: true });
});

test('the browser host refuses requests without the token, from other hosts and origins', async ({
  request,
  app,
}) => {
  const noToken = await request.post(`${app.origin}/api/invoke/engine.status`, { data: {} });
  expect(noToken.status()).toBe(401);
  const token = new URL(app.url).searchParams.get('token')!;
  const ok = await request.post(`${app.origin}/api/invoke/engine.status`, {
    data: {},
    headers: { authorization: `Bearer ${token}` },
  });
  expect(ok.status()).toBe(200);
  expect((await ok.json()).ok).toBe(true);
  const wrongHost = await request.post(`${app.origin}/api/invoke/engine.status`, {
    data: {},
    headers: { authorization: `Bearer ${token}`, host: 'evil.example:80' },
  });
  expect(wrongHost.status()).toBe(403);
  const wrongOrigin = await request.post(`${app.origin}/api/invoke/engine.status`, {
    data: {},
    headers: { authorization: `Bearer ${token}`, origin: 'http://evil.example' },
  });
  expect(wrongOrigin.status()).toBe(403);
  expect(wrongOrigin.headers()['access-control-allow-origin']).toBeUndefined();
});
