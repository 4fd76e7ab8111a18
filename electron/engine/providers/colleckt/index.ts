/**
 * Colleckt (USPS Form 1583 / identity verification): adapter and loopback sandbox.
 * See README.md for the wire format CheckDesk assumes where the public docs are silent.
 */
export { createCollecktAdapter, type CollecktAdapter } from './client.ts';
export { startCollecktSandbox } from './sandbox/server.ts';
export { normalizeColleckt } from './normalize.ts';
