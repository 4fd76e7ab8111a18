/**
 * The message protocol between Electron main and the engine's utility process.
 *
 * Main → engine: `init` first (once), then `call` / `documentFile` requests, finally `shutdown`.
 * Engine → main: `ready` or `fatal` (answer to `init`), `reply` per request seq, `event` for every
 * engine event envelope, `stopped` once the engine has drained.
 *
 * Both sides parse what they receive with the schemas below: a message crossing a process
 * boundary is untrusted input, and a malformed one must be dropped, never half-handled.
 */
import path from 'node:path';
import { z } from 'zod';
import type { EventEnvelope } from '../../../shared/contract.ts';
import { ErrorData } from '../../../shared/errors.ts';
import { ProviderName } from '../../../shared/model.ts';
import type { ProviderConfig } from '../../engine/providers/types.ts';

/** The serialisable subset of EngineOptions main decides (no callbacks cross a process). */
export const HostInitOptions = z.object({
  dataDir: z.string().min(1),
  inboxes: z.array(z.string().min(1)),
  providers: z
    .array(
      z.object({
        name: ProviderName,
        baseUrl: z.string(),
        credentials: z.record(z.string(), z.string()),
        options: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
        sandbox: z.boolean(),
        concurrency: z.number().int().positive().optional(),
        ratePerSecond: z.number().positive().optional(),
        timeoutMs: z.number().int().positive().optional(),
      }),
    )
    .optional(),
  actor: z.string().min(1).optional(),
});
export type HostInitOptions = z.infer<typeof HostInitOptions>;

// Keeps the wire schema honest: a ProviderConfig must always fit through it.
const _providerFits: (p: ProviderConfig) => NonNullable<HostInitOptions['providers']>[number] = (
  p,
) => p;
void _providerFits;

const Seq = z.number().int().nonnegative();

export const MainToEngine = z.discriminatedUnion('type', [
  z.object({ type: z.literal('init'), options: HostInitOptions }),
  z.object({ type: z.literal('call'), seq: Seq, name: z.string().min(1), args: z.unknown() }),
  z.object({ type: z.literal('documentFile'), seq: Seq, documentId: z.number().int().positive() }),
  z.object({ type: z.literal('shutdown') }),
]);
export type MainToEngine = z.infer<typeof MainToEngine>;

export const DocumentFile = z.object({ path: z.string().min(1), mime: z.string().min(1) });
export type DocumentFile = z.infer<typeof DocumentFile>;

const ReplyOk = z.object({
  type: z.literal('reply'),
  seq: Seq,
  ok: z.literal(true),
  value: z.unknown(),
});
const ReplyErr = z.object({
  type: z.literal('reply'),
  seq: Seq,
  ok: z.literal(false),
  error: ErrorData,
});

const EventMessage = z.object({
  type: z.literal('event'),
  event: z.object({ seq: z.number().int(), name: z.string(), payload: z.unknown() }),
});

export const EngineToMain = z.union([
  z.object({ type: z.literal('ready'), dataDir: z.string(), logDir: z.string() }),
  z.object({ type: z.literal('fatal'), error: ErrorData, logDir: z.string().nullable() }),
  ReplyOk,
  ReplyErr,
  EventMessage,
  z.object({ type: z.literal('stopped') }),
]);

/** The parsed form, with the event envelope typed as the contract's envelope. */
export type EngineToMain =
  | { type: 'ready'; dataDir: string; logDir: string }
  | { type: 'fatal'; error: ErrorData; logDir: string | null }
  | { type: 'reply'; seq: number; ok: true; value: unknown }
  | { type: 'reply'; seq: number; ok: false; error: ErrorData }
  | { type: 'event'; event: EventEnvelope }
  | { type: 'stopped' };

export function parseMainToEngine(raw: unknown): MainToEngine | null {
  const parsed = MainToEngine.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/**
 * Event names are not re-validated against the contract here: main forwards events to a window
 * whose preload only lets contract names through.
 */
export function parseEngineToMain(raw: unknown): EngineToMain | null {
  const parsed = EngineToMain.safeParse(raw);
  return parsed.success ? (parsed.data as EngineToMain) : null;
}

/** The engine writes its logs here (electron/engine/log.ts); main names it in crash messages. */
export function logDirOf(dataDir: string): string {
  return path.join(dataDir, 'logs');
}
