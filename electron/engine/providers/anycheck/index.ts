/**
 * AnyCheck (Fintelite): CheckDesk's primary provider and its out-of-the-box sandbox.
 * The queue uses createAnyCheckAdapter; the CLI's `sandbox` and `normalize` use the rest.
 */
import type { ProviderConfig, RunningSandbox } from '../types.ts';
import { createAnyCheckAdapter as create, type AnyCheckAdapter } from './adapter.ts';
import { startAnyCheckSandbox as start, type AnyCheckSandboxOptions } from './sandbox/server.ts';

export {
  ANYCHECK_SERVICE_CODES,
  type AnyCheckService,
  type AnyCheckServiceCode,
} from './services.ts';
export {
  verifyAnyCheckWebhook,
  signAnyCheckWebhook,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  WEBHOOK_TOLERANCE_MS,
} from './webhook.ts';
export { normalizeAnyCheck } from './normalize.ts';
export { DEFAULT_PATHS } from './paths.ts';
export { DEFAULT_SANDBOX_API_KEY } from './sandbox/server.ts';
export type { AnyCheckAdapter, AnyCheckSandboxOptions };

export function createAnyCheckAdapter(config: ProviderConfig): AnyCheckAdapter {
  return create(config);
}

/** AnyCheckSandboxOptions = SandboxOptions & { processingMs?, legacyErrors?, …test knobs } (SANDBOX.md). */
export function startAnyCheckSandbox(options: AnyCheckSandboxOptions): Promise<RunningSandbox> {
  return start(options);
}
