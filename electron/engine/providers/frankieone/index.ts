/**
 * FrankieOne KYC v2 (entity + documents, IDV process/checkstatus, results, workflow executions):
 * adapter and loopback sandbox. See README.md.
 */
export { createFrankieOneAdapter } from './client.ts';
export { startFrankieOneSandbox } from './sandbox/server.ts';
export { normalizeFrankieOne } from './normalize.ts';
