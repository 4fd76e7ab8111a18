/**
 * Intake benchmark.
 * 1. N mixed files (JPEG-like 0.3–2 MB, PDFs) dropped into an inbox → all recorded (copied into
 *    the store, hashed, typed, kind, case): files/s and MB/s, as a ratio to `sha256sum` over the
 *    same files in the same run, and the engine's peak RSS.
 * 2. Idle CPU and RSS while watching an inbox that already holds M recorded files.
 * The engine runs as a real child process (`checkdesk run`), measured from /proc.
 * BENCH_INTAKE_FILES (default 10000) and BENCH_INTAKE_IDLE_FILES (default 100000) scale it.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../helpers/cli.ts';

const N = Number(process.env.BENCH_INTAKE_FILES ?? 10_000);
const IDLE = Number(process.env.BENCH_INTAKE_IDLE_FILES ?? 100_000);
const TICKS = 100; // Linux clock ticks per second (USER_HZ)

function bench(name: string, value: number, unit: string): void {
  console.log(`BENCH ${name} ${Number.isInteger(value) ? value : value.toFixed(3)} ${unit}`);
}

function procStat(pid: number): { cpuTicks: number; rssMb: number } {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  return { cpuTicks: utime + stime, rssMb: rss };
}

function makeFiles(dir: string, n: number, sizes: () => number): number {
  let bytes = 0;
  const block = randomBytes(4 * 1024 * 1024);
  for (let i = 0; i < n; i++) {
    const caseDir = path.join(dir, `APP-${String(Math.floor(i / 5)).padStart(5, '0')}`);
    if (i % 5 === 0) fs.mkdirSync(caseDir, { recursive: true });
    const size = sizes();
    const isPdf = i % 4 === 3;
    const body = Buffer.alloc(size);
    block.copy(
      body,
      0,
      (i * 7919) % (block.length - size),
      ((i * 7919) % (block.length - size)) + size,
    );
    body.writeUInt32BE(i, 16); // unique content
    if (isPdf) {
      body.write('%PDF-1.4\n', 0, 'latin1');
      body.write('\n%%EOF\n', size - 7, 'latin1');
    } else {
      body[0] = 0xff;
      body[1] = 0xd8;
      body[2] = 0xff;
      body[3] = 0xe0;
      body[size - 2] = 0xff;
      body[size - 1] = 0xd9;
    }
    fs.writeFileSync(path.join(caseDir, isPdf ? `rekening-${i}.pdf` : `ktp-${i}.jpg`), body);
    bytes += size;
  }
  return bytes;
}

async function runUntilRecorded(
  inbox: string,
  dataDir: string,
  expected: number,
  onSample: (s: { cpuTicks: number; rssMb: number }) => void,
): Promise<{ pid: number; stop(): Promise<void> }> {
  // The intake stage alone: pre-flight has its own benchmark and would compete for the CPU.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'test', 'bench', 'intake-worker.ts'), inbox, dataDir],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  // The ledger file is read directly (WAL, read-only) to know when intake is done.
  const Database = (await import('better-sqlite3')).default;
  const ledger = path.join(dataDir, 'ledger.sqlite');
  for (;;) {
    await new Promise((r) => setTimeout(r, 250));
    try {
      onSample(procStat(child.pid!));
    } catch {
      throw new Error('the engine exited early');
    }
    if (!fs.existsSync(ledger)) continue;
    const db = new Database(ledger, { readonly: true, fileMustExist: true });
    try {
      const row = db
        .prepare(`SELECT count(*) AS n FROM files WHERE state IN ('RECORDED', 'DUPLICATE')`)
        .get() as { n: number };
      if (row.n >= expected) break;
    } catch {
      // schema not there yet
    } finally {
      db.close();
    }
  }
  return {
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export default async function run(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-bench-intake-'));
  try {
    // ---------------------------------------------------------------- throughput
    const inbox = path.join(root, 'inbox');
    const dataDir = path.join(root, 'data');
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    console.log(`# generating ${N} files (JPEG-like 0.3–2 MB, every 4th a PDF) …`);
    const bytes = makeFiles(inbox, N, () => Math.floor(300_000 + rnd() * 1_700_000));
    const mb = bytes / 1048576;

    // Baseline: sha256sum over the same files (page cache warm for both, same machine, same run).
    const list = path.join(root, 'files.txt');
    execFileSync('bash', ['-c', `find "${inbox}" -type f > "${list}"`]);
    let t = performance.now();
    execFileSync('bash', ['-c', `xargs -a "${list}" -d '\\n' sha256sum > /dev/null`], {
      maxBuffer: 1 << 30,
    });
    const shaS = (performance.now() - t) / 1000;

    // A fair second baseline: copying the same files with cp and syncing them to disk.
    const copyDir = path.join(root, 'cp-copy');
    fs.mkdirSync(copyDir);
    t = performance.now();
    execFileSync('bash', ['-c', `cp -r "${inbox}" "${copyDir}/" && sync -f "${copyDir}"`]);
    const cpS = (performance.now() - t) / 1000;
    fs.rmSync(copyDir, { recursive: true, force: true });

    let peak = 0;
    let startTicks = -1;
    let endTicks = 0;
    t = performance.now();
    const engine = await runUntilRecorded(inbox, dataDir, N, (s) => {
      peak = Math.max(peak, s.rssMb);
      if (startTicks < 0) startTicks = s.cpuTicks;
      endTicks = s.cpuTicks;
    });
    const intakeS = (performance.now() - t) / 1000;
    await engine.stop();
    bench('intake.files', N, 'files');
    bench('intake.megabytes', Math.round(mb), 'MB');
    bench('intake.sha256sum_mb_per_s', mb / shaS, 'MB/s');
    bench('intake.files_per_s', N / intakeS, 'files/s');
    bench('intake.mb_per_s', mb / intakeS, 'MB/s');
    bench('intake.vs_sha256sum', shaS / intakeS, 'x');
    bench('intake.cp_sync_mb_per_s', mb / cpS, 'MB/s');
    bench('intake.vs_cp_sync', cpS / intakeS, 'x');
    bench('intake.peak_rss', peak, 'MB');
    bench('intake.cpu_seconds', (endTicks - startTicks) / TICKS, 's');
    fs.rmSync(root, { recursive: true, force: true });
    fs.mkdirSync(root);

    // ---------------------------------------------------------------- idle while watching
    const big = path.join(root, 'big-inbox');
    const bigData = path.join(root, 'big-data');
    console.log(`# generating ${IDLE} small files for the idle measurement …`);
    makeFiles(big, IDLE, () => 2048);
    const first = await runUntilRecorded(big, bigData, IDLE, () => undefined);
    await first.stop();
    // A fresh start on an inbox whose files are all known: the steady state a branch PC lives in.
    const watching = await runUntilRecorded(big, bigData, IDLE, () => undefined);
    await new Promise((r) => setTimeout(r, 15_000)); // let the start-up scan and warm-up pass
    const a = procStat(watching.pid);
    const windowS = 30;
    let idlePeak = a.rssMb;
    for (let i = 0; i < windowS; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      idlePeak = Math.max(idlePeak, procStat(watching.pid).rssMb);
    }
    const b = procStat(watching.pid);
    await watching.stop();
    bench('intake.idle.files_watched', IDLE, 'files');
    bench(
      'intake.idle.cpu_percent_of_one_core',
      ((b.cpuTicks - a.cpuTicks) / TICKS / windowS) * 100,
      '%',
    );
    bench('intake.idle.rss', idlePeak, 'MB');
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
