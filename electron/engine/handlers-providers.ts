/** Provider settings, health and connection tests. Secrets are never returned, only masked. */
import type { ProviderStatus } from '../../shared/contract.ts';
import { CheckDeskError } from '../../shared/errors.ts';
import type { ProviderName } from '../../shared/model.ts';
import { scrubText } from '../../shared/redact.ts';
import type { HandlerTable } from './handlers.ts';
import type { EngineContext } from './index.ts';
import { ProviderError } from './providers/errors.ts';
import type { CredentialDiff } from './providers/registry.ts';
import { providerStatuses } from './status.ts';

function status(ctx: EngineContext, name: ProviderName): ProviderStatus {
  const s = providerStatuses(ctx)[name];
  if (s) return s;
  return {
    name,
    state: 'disabled',
    pausedUntil: null,
    reason: null,
    inFlight: 0,
    ...ctx.registry.describe(name),
  };
}

/** The history line of a configuration: what changed, naming credential fields but never values. */
function configuredText(
  a: { name: string; baseUrl?: string | null; enabled?: boolean },
  diff: CredentialDiff,
): string {
  const parts = [`${a.name}${a.baseUrl ? ` at ${a.baseUrl}` : ''}`];
  if (diff.set.length > 0) parts.push(`credentials set: ${diff.set.join(', ')}`);
  if (diff.removed.length > 0) parts.push(`credentials removed: ${diff.removed.join(', ')}`);
  return `${parts.join('; ')}${a.enabled === false ? ' (disabled)' : ''}`;
}

export function providerHandlers(ctx: EngineContext): HandlerTable {
  return {
    'providers.list': () => Object.values(providerStatuses(ctx)),
    'providers.configure': (a) => {
      let diff: CredentialDiff;
      try {
        diff = ctx.registry.configure(a.name, {
          baseUrl: a.baseUrl,
          apiKey: a.apiKey,
          credentials: a.credentials,
          options: a.options,
          enabled: a.enabled,
        });
      } catch (err) {
        // The values given must not come back in the error (nor in main's log of it).
        const given = [a.apiKey, ...Object.values(a.credentials ?? {})];
        throw new CheckDeskError(
          'PROVIDER_CONFIG',
          scrubText((err as Error).message, [...given, ...ctx.registry.secrets()]),
        );
      }
      ctx.ledger.history.append({
        entity: 'provider',
        what: 'provider_configured',
        reason: configuredText(a, diff),
        actor: ctx.ledger.settings.get<string>('reviewer', ctx.actor),
      });
      if (a.enabled !== false) ctx.runner?.health.resume(a.name);
      ctx.statusChanged();
      return status(ctx, a.name);
    },
    'providers.test': async (a) => {
      const entry = ctx.registry.get(a.name);
      if (!entry) return { ok: false, message: `${a.name} is not configured` };
      // Nothing is sent with an incomplete sign-in: say which field to fill instead.
      const missing = ctx.registry.missing(a.name);
      if (missing) return { ok: false, message: missing };
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 20_000);
      try {
        const pctx = ctx.runner?.context(a.name, controller.signal) ?? {
          signal: controller.signal,
          now: () => Date.now(),
          log: ctx.log,
          cache: { get: () => null, set: () => undefined },
          rateLimitHint: () => undefined,
        };
        await entry.adapter.probe(pctx);
        ctx.runner?.health.online(a.name);
        return {
          ok: true,
          message: `${a.name} answered and accepted the credentials${entry.config.sandbox ? ' (built-in sandbox)' : ''}`,
        };
      } catch (err) {
        const msg = err instanceof ProviderError ? err.message : (err as Error).message;
        return { ok: false, message: scrubText(msg, ctx.registry.secrets()) };
      } finally {
        clearTimeout(timer);
      }
    },
    'providers.resume': (a) => {
      if (!ctx.registry.get(a.name))
        throw new CheckDeskError('NOT_FOUND', `${a.name} is not configured`);
      ctx.runner?.health.resume(a.name);
      ctx.statusChanged();
      return status(ctx, a.name);
    },
  };
}
