/**
 * AiPrise provider: a result-import adapter, callback signature verification and a loopback sandbox.
 */
export { createAiPriseAdapter } from './adapter.ts';
export { normalizeAiPrise, AIPRISE_RUN_STATUS } from './normalize.ts';
export {
  verifyAiPriseCallback,
  signAiPriseCallback,
  AIPRISE_SIGNATURE_HEADER,
} from './callback.ts';
export { toAlpha3 } from './countries.ts';
export { startAiPriseSandbox, type AiPriseSandbox, type AiPriseSandboxOptions } from './sandbox.ts';
