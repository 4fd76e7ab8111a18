/**
 * Offline pre-flight checks (CheckDesk issue 5): what can be found wrong with a document locally,
 * offline and free, before a paid verification is spent on it.
 */
export { createPreflight, DEFAULT_MAX_PIXELS } from './preflight.ts';
export { DEFAULT_POLICY } from './policy.ts';
export { createMemoryNearDuplicateStore } from './memory-near-store.ts';
export type {
  ImageHashes,
  NearDuplicateStore,
  NearMatch,
  Preflight,
  PreflightCheck,
  PreflightExtracted,
  PreflightInput,
  PreflightOptions,
  PreflightPolicy,
  PreflightResult,
} from './types.ts';
