/**
 * Starts `checkdesk serve` as a real child process with its own data dir and inbox, and hands
 * the test the URL (with token) it prints as its first line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

export interface ServedApp {
  url: string;
  origin: string;
  dataDir: string;
  inbox: string;
  root: string;
  stop(): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, '..', '..');

export async function serveApp(
  options: { extraArgs?: string[]; env?: Record<string, string> } = {},
): Promise<ServedApp> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-e2e-'));
  const dataDir = path.join(root, 'data');
  const inbox = path.join(root, 'inbox');
  fs.mkdirSync(inbox);
  const child: ChildProcess = spawn(
    process.execPath,
    [
      path.join(ROOT, 'bin', 'checkdesk.mjs'),
      'serve',
      '--data-dir',
      dataDir,
      '--inbox',
      inbox,
      ...(options.extraArgs ?? []),
    ],
    { cwd: ROOT, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const rl = readline.createInterface({ input: child.stdout! });
    rl.once('line', (line) => resolve(line.trim()));
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), 60_000).unref();
  });
  return {
    url,
    origin: new URL(url).origin,
    dataDir,
    inbox,
    root,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        // A shutdown that hangs must not hang the suite: say so, then end it.
        const hung = async () => {
          const listening = await new Promise<boolean>((resolve) => {
            const sock = net.connect(Number(new URL(url).port), '127.0.0.1');
            sock.once('connect', () => (sock.destroy(), resolve(true)));
            sock.once('error', () => resolve(false));
          });
          let log = '';
          try {
            log = fs
              .readFileSync(path.join(dataDir, 'logs', 'engine.log'), 'utf8')
              .split('\n')
              .slice(-12)
              .join('\n');
          } catch {
            // no log yet
          }
          process.stderr.write(
            `checkdesk serve did not stop within 10 s of SIGTERM (HTTP port ${listening ? 'still open' : 'closed'}); killing it\n${stderr.slice(-2000)}\n${log}\n`,
          );
          child.kill('SIGKILL');
        };
        let didHang = false;
        const timer = setTimeout(() => {
          didHang = true;
          void hung();
        }, 10_000);
        await exited;
        clearTimeout(timer);
        // Killing it keeps the suite going; the test still fails, because a hang is a bug.
        if (didHang) throw new Error('checkdesk serve did not stop within 10 s of SIGTERM');
      }
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
