/**
 * ADVANCE.AI eKYC (H5) provider: a result-import adapter and its loopback sandbox.
 */
export { createAdvanceAiAdapter } from './adapter.ts';
export { normalizeAdvanceAi, LIVENESS_THRESHOLD, SIMILARITY_THRESHOLD } from './normalize.ts';
export { tokenSignature } from './token.ts';
export {
  startAdvanceAiSandbox,
  type AdvanceAiSandbox,
  type AdvanceAiSandboxOptions,
} from './sandbox.ts';
