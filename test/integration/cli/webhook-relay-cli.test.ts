/**
 * `checkdesk webhook-relay`: help and bad usage exit codes, and a real relay process that prints
 * its URL first, stores a posted webhook, serves it with the token and stops cleanly on SIGTERM.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, checkdesk, ROOT } from '../../helpers/cli.ts';
import { tmpDir } from '../../helpers/tmp.ts';

const TOKEN = 'cli-relay-token-0123456789';

let t: ReturnType<typeof tmpDir>;
beforeEach(() => {
  t = tmpDir('cd-relay-cli-');
});
afterEach(() => t.cleanup());

describe('checkdesk webhook-relay', () => {
  it('--help exits 0 and documents the command; bad usage exits 2 with a one-line reason', async () => {
    const help = await checkdesk(['webhook-relay', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('webhook-relay [--port N] [--host H] [--token T] [--state FILE]');

    const flag = await checkdesk(['webhook-relay', '--frobnicate']);
    expect(flag.code).toBe(2);
    const port = await checkdesk(['webhook-relay', '--port', 'eighty']);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('--port must be a port');
    const token = await checkdesk(['webhook-relay', '--token', 'short']);
    expect(token.code).toBe(2);
    expect(token.stderr.trim().split('\n')).toHaveLength(1);
    expect(token.stderr).toContain('at least 16 characters');
    const extra = await checkdesk(['webhook-relay', 'somewhere']);
    expect(extra.code).toBe(2);
  });

  it('prints its URL first, relays a webhook to a reader with the token, keeps it in the state file, exits 0 on SIGTERM', async () => {
    const state = path.join(t.dir, 'relay.jsonl');
    const child = spawn(
      process.execPath,
      [BIN, 'webhook-relay', '--port', '0', '--token', TOKEN, '--state', state],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    try {
      const lines = readline.createInterface({ input: child.stdout });
      const url = await new Promise<string>((resolve, reject) => {
        lines.once('line', resolve);
        child.once('exit', () => reject(new Error(`the relay exited early: ${stderr}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

      const posted = await fetch(`${url}/hooks/anycheck`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-anycheck-signature': 'ab'.repeat(32) },
        body: '{"verification_id":"v-cli"}',
      });
      expect(posted.status).toBe(200);
      expect((await fetch(`${url}/deliveries`)).status).toBe(401);
      const page = (await (
        await fetch(`${url}/deliveries`, { headers: { authorization: `Bearer ${TOKEN}` } })
      ).json()) as { deliveries: { body: string; headers: Record<string, string> }[] };
      expect(page.deliveries).toHaveLength(1);
      expect(page.deliveries[0]).toMatchObject({
        body: '{"verification_id":"v-cli"}',
        headers: { 'x-anycheck-signature': 'ab'.repeat(32) },
      });
      expect(fs.readFileSync(state, 'utf8')).toContain('v-cli');
      // The chosen token is never echoed.
      expect(stderr).not.toContain(TOKEN);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 30_000);
});
