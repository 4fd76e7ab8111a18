/**
 * Commands that work without a ledger: provider sandboxes, the webhook relay, payload
 * normalisation, ID-number validation and pre-flight checks on loose files.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseLenientJson } from '../../../shared/lenient-json.ts';
import {
  PROVIDER_NAMES,
  type CanonicalVerification,
  type ProviderName,
} from '../../../shared/model.ts';
import { ID_KINDS, validateIdNumber, type IdKind } from '../../../shared/rules/index.ts';
import { createMemoryNearDuplicateStore, createPreflight } from '../../engine/checks/index.ts';
import { detectKind } from '../../engine/intake/kinds.ts';
import { probeFile } from '../../engine/intake/sniff.ts';
import {
  RELAY_MIN_TOKEN_LENGTH,
  startWebhookRelay,
} from '../../engine/providers/anycheck/relay/server.ts';
import { ADAPTERS, SANDBOXES } from '../../engine/providers/registry.ts';
import type { Command } from './commands.ts';
import { CommandError, printJson, UsageError } from './io.ts';

function providerArg(value: unknown, fallback?: ProviderName): ProviderName {
  if (value === undefined && fallback) return fallback;
  if (typeof value !== 'string' || !PROVIDER_NAMES.includes(value as ProviderName)) {
    throw new UsageError(
      `--provider must be one of ${PROVIDER_NAMES.join(', ')}${value === undefined ? '' : ` (got "${String(value)}")`}`,
    );
  }
  return value as ProviderName;
}

function numberArg(
  value: unknown,
  flag: string,
  check: (n: number) => boolean,
  what: string,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || !check(n))
    throw new UsageError(`${flag} must be ${what}, got "${String(value)}"`);
  return n;
}

export const sandbox: Command = {
  options: {
    provider: { type: 'string' },
    port: { type: 'string' },
    latency: { type: 'string' },
    'fault-rate': { type: 'string' },
    seed: { type: 'string' },
    'api-key': { type: 'string' },
    'rate-limit': { type: 'string' },
    credits: { type: 'string' },
    state: { type: 'string' },
  },
  async run({ values, positionals, io }) {
    if (positionals.length)
      throw new UsageError(`sandbox takes no arguments (got "${positionals[0]}")`);
    const provider = providerArg(values.provider, 'anycheck');
    const port =
      numberArg(
        values.port,
        '--port',
        (n) => Number.isInteger(n) && n >= 0 && n <= 65535,
        'a port 0..65535',
      ) ?? 0;
    const latencyMs = numberArg(values.latency, '--latency', (n) => n >= 0, 'milliseconds ≥ 0');
    const faultRate = numberArg(
      values['fault-rate'],
      '--fault-rate',
      (n) => n >= 0 && n <= 1,
      'between 0 and 1',
    );
    const seed = numberArg(values.seed, '--seed', Number.isInteger, 'an integer');
    const rateLimit = numberArg(
      values['rate-limit'],
      '--rate-limit',
      (n) => n >= 0,
      'requests per second ≥ 0',
    );
    const credits = numberArg(values.credits, '--credits', (n) => n >= 0, 'a number ≥ 0');
    const running = await SANDBOXES[provider]({
      port,
      latencyMs,
      faultRate,
      seed,
      rateLimit,
      credits,
      apiKey: typeof values['api-key'] === 'string' ? values['api-key'] : undefined,
      stateFile: typeof values.state === 'string' ? path.resolve(values.state) : undefined,
    }).catch((err: unknown) => {
      throw new CommandError(`the ${provider} sandbox could not start: ${(err as Error).message}`);
    });
    // The base URL is the first line of stdout: scripts read it.
    io.out(running.url);
    io.err(
      `checkdesk: ${provider} sandbox on ${running.url} (api key ${running.apiKey}); billing journal at ${running.url}/__sandbox/billing. Press Ctrl+C to stop.`,
    );
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    await running.close();
    return 0;
  },
};

function untilSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

export const webhookRelay: Command = {
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    token: { type: 'string' },
    state: { type: 'string' },
  },
  async run({ values, positionals, io }) {
    if (positionals.length)
      throw new UsageError(`webhook-relay takes no arguments (got "${positionals[0]}")`);
    const port =
      numberArg(
        values.port,
        '--port',
        (n) => Number.isInteger(n) && n >= 0 && n <= 65535,
        'a port 0..65535',
      ) ?? 0;
    const host = typeof values.host === 'string' ? values.host.trim() : '127.0.0.1';
    if (!host) throw new UsageError('--host needs an address (127.0.0.1, 0.0.0.0, ::1 …)');
    const given =
      typeof values.token === 'string' ? values.token : process.env.CHECKDESK_WEBHOOK_RELAY_TOKEN;
    if (given !== undefined && given.length < RELAY_MIN_TOKEN_LENGTH) {
      throw new UsageError(`--token must be at least ${RELAY_MIN_TOKEN_LENGTH} characters`);
    }
    const token = given ?? randomBytes(24).toString('base64url');
    const relay = await startWebhookRelay({
      port,
      host,
      token,
      stateFile: typeof values.state === 'string' ? path.resolve(values.state) : undefined,
      log: {
        info: () => undefined,
        warn: (m, f) => io.err(`checkdesk webhook-relay: ${m}${f ? ` ${JSON.stringify(f)}` : ''}`),
        error: (m, f) => io.err(`checkdesk webhook-relay: ${m}${f ? ` ${JSON.stringify(f)}` : ''}`),
      },
    }).catch((err: unknown) => {
      throw new CommandError(`the webhook relay could not start: ${(err as Error).message}`);
    });
    // The URL is the first line of stdout: scripts read it.
    io.out(relay.url);
    io.err(
      `checkdesk: webhook relay on ${relay.url}; register ${relay.url}/hooks/anycheck (behind HTTPS) as the provider's webhookUrl; CheckDesk reads ${relay.url}/deliveries with the relay token.` +
        (given === undefined
          ? ` Generated token (set --token or CHECKDESK_WEBHOOK_RELAY_TOKEN to choose one): ${token}`
          : '') +
        ' Press Ctrl+C to stop.',
    );
    await untilSignal();
    await relay.close();
    return 0;
  },
};

function summarise(v: CanonicalVerification): string {
  const lines = [
    `${v.provider}: ${v.runStatus} / ${v.decision} / review ${v.review} (vendor: ${v.vendorStatus ?? '—'}${v.vendorDecision ? ` / ${v.vendorDecision}` : ''})`,
  ];
  for (const r of v.reasons)
    lines.push(
      `  reason ${r.severity} ${r.code}${r.vendorCode ? ` (${r.vendorCode})` : ''}: ${r.message}`,
    );
  for (const c of v.checks)
    lines.push(
      `  check ${c.type} ${c.outcome}${c.score?.raw !== undefined && c.score?.raw !== null ? ` score ${c.score.raw}` : ''}`,
    );
  return lines.join('\n');
}

export const normalize: Command = {
  options: { provider: { type: 'string' } },
  async run({ values, positionals, io }) {
    const provider = providerArg(values.provider);
    if (positionals.length !== 1) throw new UsageError('normalize needs exactly one FILE.json');
    const file = path.resolve(positionals[0]!);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      throw new CommandError(
        `cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
    let payload: unknown;
    try {
      payload = parseLenientJson(text).value;
    } catch (err) {
      throw new CommandError(
        `${file} is not JSON, even leniently read: ${(err as Error).message.split('\n')[0]}`,
      );
    }
    const adapter = ADAPTERS[provider]({
      name: provider,
      baseUrl: 'http://127.0.0.1:9',
      credentials: {},
      options: {},
      sandbox: false,
    });
    const canonical = adapter.normalize(payload);
    if (io.json) printJson(io, canonical);
    else io.out(summarise(canonical));
    return 0;
  },
};

export const validate: Command = {
  options: {},
  async run({ positionals, io }) {
    const [kind, ...rest] = positionals;
    if (!kind || !ID_KINDS.includes(kind.toLowerCase() as IdKind)) {
      throw new UsageError(`validate needs a kind (${ID_KINDS.join('|')}) and a VALUE`);
    }
    if (rest.length === 0) throw new UsageError(`validate ${kind} needs a VALUE`);
    const value = rest.join(' ');
    const result = validateIdNumber(kind.toLowerCase() as IdKind, value);
    if (io.json) printJson(io, result);
    else {
      io.out(`${result.kind} ${result.input}: ${result.valid ? 'valid' : 'INVALID'}`);
      for (const r of result.reasons) io.out(`  ${r.severity} ${r.code}: ${r.message}`);
      const parsed = Object.entries(result.parsed).filter(
        ([, v]) => v !== null && v !== undefined && typeof v !== 'object',
      );
      if (parsed.length) io.out(`  ${parsed.map(([k, v]) => `${k}=${String(v)}`).join(' ')}`);
    }
    if (!result.valid) {
      const first = result.reasons.find((r) => r.severity === 'ERROR');
      throw new CommandError(first ? `${first.code}: ${first.message}` : 'not valid');
    }
    return 0;
  },
};

export const check: Command = {
  options: {},
  async run({ positionals, io }) {
    if (positionals.length === 0) throw new UsageError('check needs at least one FILE');
    const near = createMemoryNearDuplicateStore();
    const seen = new Map<string, { index: number; file: string }>();
    const preflight = createPreflight({
      nearDuplicates: near,
      findExact: (sha256) => {
        const earlier = seen.get(sha256);
        return earlier ? { documentId: earlier.index, label: earlier.file } : null;
      },
      describe: (id) => positionals[id - 1] ?? `file ${id}`,
    });
    const results: unknown[] = [];
    let unreadable = 0;
    try {
      for (const [i, arg] of positionals.entries()) {
        const file = path.resolve(arg);
        let bytes: Buffer;
        try {
          bytes = fs.readFileSync(file);
        } catch (err) {
          unreadable++;
          results.push({
            file: arg,
            sha256: null,
            mime: null,
            kind: null,
            error: `cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
            checks: [],
          });
          continue;
        }
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        const probe = await probeFile(file, bytes.length);
        const mime = probe.mime ?? 'application/octet-stream';
        const kind = detectKind(path.basename(file));
        const result = await preflight.run({
          documentId: i + 1,
          path: file,
          mime,
          kind,
          sha256,
          size: bytes.length,
          expected: null,
        });
        if (!seen.has(sha256)) seen.set(sha256, { index: i + 1, file: arg });
        results.push({
          file: arg,
          sha256,
          mime,
          kind,
          verdict: result.verdict,
          summary: result.summary,
          checks: result.checks.map((c) => ({
            type: c.type,
            name: c.name,
            outcome: c.outcome,
            reasons: c.reasons,
            score: c.score ?? null,
            blocking: c.blocking,
            details: c.details,
          })),
          extracted: result.extracted,
        });
      }
    } finally {
      await preflight.close();
    }
    if (io.json) printJson(io, results);
    else {
      for (const r of results as {
        file: string;
        verdict?: string;
        summary?: string | null;
        error?: string;
        kind: string | null;
        checks: { type: string; name?: string; outcome: string; reasons: { message: string }[] }[];
      }[]) {
        io.out(
          `${r.file}: ${r.error ?? `${r.kind} — ${r.verdict}${r.summary ? `: ${r.summary}` : ''}`}`,
        );
        for (const c of r.checks) {
          if (c.outcome === 'PASS') continue;
          io.out(
            `  ${c.outcome.padEnd(7)} ${c.type}${c.name ? `/${c.name}` : ''}${c.reasons[0] ? ` — ${c.reasons[0].message}` : ''}`,
          );
        }
      }
    }
    if (unreadable) throw new CommandError(`${unreadable} file(s) could not be read`);
    return 0;
  },
};
