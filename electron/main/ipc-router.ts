/**
 * The renderer → engine IPC router.
 *
 * Channel design: one ipcMain.handle channel per contract handler (`checkdesk:engine:<name>`),
 * generated from HANDLER_NAMES, rather than one generic 'invoke' channel with a name argument.
 * Main's own handler registry then *is* the allow-list: a name outside the contract has no
 * listener at all, so there is no string dispatch that a crafted name could steer, and the set
 * of registered channels can be asserted exactly in a test.
 *
 * Every call: sender check (top frame of the main window, UI origin) → zod validation of the
 * arguments → provider secrets intercepted → forwarded with a timeout → errors as plain
 * {code, message, retryable} and results scrubbed of any known secret.
 */
import type { z } from 'zod';
import { HANDLER_NAMES, handlers, type HandlerName } from '../../shared/contract.ts';
import { toErrorData, type ErrorData, type Result } from '../../shared/errors.ts';
import { handlerChannel } from '../preload/channels.ts';
import type { ConfigureArgs } from './provider-credentials.ts';
import { scrubSecrets } from './secret-scrub.ts';
import type { InvokeEventLike, SenderCheck } from './sender-guard.ts';

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface EngineCaller {
  call(name: HandlerName, args: unknown, timeoutMs: number): Promise<Result<unknown>>;
}

export interface CredentialGate {
  refuse(args: ConfigureArgs): ErrorData | null;
  persist(args: ConfigureArgs): ErrorData | null;
  knownSecrets(): readonly string[];
}

export interface EngineRouterDeps {
  ipcMain: IpcMainLike;
  isTrustedSender: SenderCheck;
  engine: EngineCaller;
  credentials: CredentialGate;
  timeoutFor?: (name: HandlerName) => number;
  log?: (message: string) => void;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** Calls that legitimately take longer: network probes, folder scans, file imports. */
const SLOW_CALLS: Partial<Record<HandlerName, number>> = {
  'providers.test': 90_000,
  'inboxes.add': 120_000,
  'inboxes.rescan': 300_000,
  'intake.import': 120_000,
};

export function defaultTimeoutFor(name: HandlerName): number {
  return SLOW_CALLS[name] ?? DEFAULT_TIMEOUT_MS;
}

function failure(error: ErrorData): { ok: false; error: ErrorData } {
  // A fresh object with the three fields only: no stack, cause or engine internals cross.
  return {
    ok: false,
    error: { code: error.code, message: error.message, retryable: error.retryable },
  };
}

export async function routeEngineCall(
  deps: EngineRouterDeps,
  name: HandlerName,
  event: InvokeEventLike,
  rawArgs: unknown,
): Promise<Result<unknown>> {
  if (!deps.isTrustedSender(event)) {
    deps.log?.(`refused ${name}: the sender is not the CheckDesk window`);
    return failure({
      code: 'FORBIDDEN_SENDER',
      message: 'This call did not come from the CheckDesk window.',
      retryable: false,
    });
  }
  const schema: z.ZodType = handlers[name].args;
  const parsed = schema.safeParse(rawArgs === undefined ? {} : rawArgs);
  if (!parsed.success) return failure(toErrorData(parsed.error));

  const configure = name === 'providers.configure' ? (parsed.data as ConfigureArgs) : null;
  if (configure) {
    const refusal = deps.credentials.refuse(configure);
    if (refusal) return failure(refusal);
  }
  let result: Result<unknown>;
  try {
    result = await deps.engine.call(
      name,
      parsed.data,
      (deps.timeoutFor ?? defaultTimeoutFor)(name),
    );
  } catch (err) {
    return failure(toErrorData(err));
  }
  if (!result.ok) return failure(scrubSecrets(result.error, deps.credentials.knownSecrets()));
  if (configure) {
    const notSaved = deps.credentials.persist(configure);
    if (notSaved) return failure(notSaved);
  }
  return { ok: true, value: scrubSecrets(result.value, deps.credentials.knownSecrets()) };
}

export function registerEngineRoutes(deps: EngineRouterDeps): {
  channels: string[];
  dispose(): void;
} {
  const channels: string[] = [];
  for (const name of HANDLER_NAMES) {
    const channel = handlerChannel(name);
    deps.ipcMain.handle(channel, (event, ...args) => routeEngineCall(deps, name, event, args[0]));
    channels.push(channel);
  }
  return {
    channels,
    dispose: () => {
      for (const channel of channels) deps.ipcMain.removeHandler(channel);
    },
  };
}
