/**
 * FrankieOne KYC v2 endpoints (the vendor's published OpenAPI, version 2.0.x). Every path can be
 * overridden with the provider option `path.<name>` (must start with '/'); the built-in sandbox
 * implements the defaults.
 */
import { resolvePathTable, trimBaseUrl } from '../kit/paths.ts';
import type { ProviderConfig } from '../types.ts';

export { fillPath } from '../kit/paths.ts';

export const DEFAULT_PATHS = {
  createIndividual: '/v2/individuals',
  individual: '/v2/individuals/{entityId}',
  documents: '/v2/individuals/{entityId}/documents',
  idvToken: '/v2/individuals/{entityId}/actions/idv/token',
  idvProcess: '/v2/individuals/{entityId}/actions/idv/process',
  idvCheckStatus: '/v2/individuals/{entityId}/actions/idv/checkstatus',
  results: '/v2/individuals/{entityId}/results',
  workflowExecute:
    '/v2/individuals/{entityId}/serviceprofiles/{serviceProfile}/workflows/{workflowName}/execute',
  workflowExecutions:
    '/v2/individuals/{entityId}/serviceprofiles/{serviceProfile}/workflows/{workflowName}/executions',
  workflowExecution:
    '/v2/individuals/{entityId}/serviceprofiles/{serviceProfile}/workflows/{workflowName}/executions/{executionId}',
  search: '/v2/search/serviceprofiles',
} as const;

export type EndpointName = keyof typeof DEFAULT_PATHS;
export type EndpointPaths = Record<EndpointName, string>;

export function resolvePaths(options: ProviderConfig['options']): EndpointPaths {
  return resolvePathTable(DEFAULT_PATHS, options);
}

/** `config.baseUrl`, else UAT (`https://api.uat.frankie.one`) unless option `environment` is "production". */
export function apiRoot(config: Pick<ProviderConfig, 'baseUrl' | 'options'>): string {
  const base = trimBaseUrl(config.baseUrl);
  if (base) return base;
  return config.options['environment'] === 'production'
    ? 'https://api.frankie.one'
    : 'https://api.uat.frankie.one';
}

export type FrankieService =
  { kind: 'idv' } | { kind: 'workflow'; serviceProfile: string; workflowName: string };

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

/** `idv` or `workflow:<serviceProfile>/<workflowName>`; null when it is neither. */
export function parseService(service: string): FrankieService | null {
  const s = service.trim();
  if (s === '' || s.toLowerCase() === 'idv') return { kind: 'idv' };
  const match = /^workflow:([^/]+)\/([^/]+)$/.exec(s);
  if (!match || !NAME.test(match[1]!) || !NAME.test(match[2]!)) return null;
  return { kind: 'workflow', serviceProfile: match[1]!, workflowName: match[2]! };
}
