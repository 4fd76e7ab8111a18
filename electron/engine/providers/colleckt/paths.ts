/**
 * Where the Colleckt API lives, in one table.
 *
 * The public documentation gives the base URL forms and only one path (the verification list);
 * the rest sit behind the vendor's interactive playground. Every path below is therefore an
 * overridable default: set the provider option `path.<name>` (it must start with '/') when a
 * workspace's API differs. The built-in sandbox implements exactly these defaults.
 *
 * | name     | method | default                            | source           |
 * |----------|--------|------------------------------------|------------------|
 * | list     | GET    | /verifications (+ ?page=N)         | public docs      |
 * | create   | POST   | /verifications                     | CheckDesk default |
 * | detail   | GET    | /verifications/{id}                | CheckDesk default |
 * | upload   | POST   | /verifications/{id}/documents      | CheckDesk default |
 * | submit   | POST   | /verifications/{id}/submit         | CheckDesk default |
 * | approve  | POST   | /verifications/{id}/approve        | CheckDesk default |
 * | reject   | POST   | /verifications/{id}/reject         | CheckDesk default |
 * | hold     | POST   | /verifications/{id}/hold           | CheckDesk default |
 * | resume   | POST   | /verifications/{id}/resume         | CheckDesk default |
 * | cancel   | POST   | /verifications/{id}/cancel         | CheckDesk default |
 * | resubmit | POST   | /verifications/{id}/resubmit       | CheckDesk default |
 *
 * Paths are relative to the flow base `…/api/v1/{flow}` (see `flowBase`).
 */
import type { ProviderError, ProviderOp } from '../errors.ts';
import { protocolError } from '../kit/client.ts';
import { resolvePathTable, trimBaseUrl } from '../kit/paths.ts';
import type { ProviderConfig } from '../types.ts';

export { fillPath } from '../kit/paths.ts';

export const DEFAULT_PATHS = {
  list: '/verifications',
  create: '/verifications',
  detail: '/verifications/{id}',
  upload: '/verifications/{id}/documents',
  submit: '/verifications/{id}/submit',
  approve: '/verifications/{id}/approve',
  reject: '/verifications/{id}/reject',
  hold: '/verifications/{id}/hold',
  resume: '/verifications/{id}/resume',
  cancel: '/verifications/{id}/cancel',
  resubmit: '/verifications/{id}/resubmit',
} as const;

export type EndpointName = keyof typeof DEFAULT_PATHS;
export type EndpointPaths = Record<EndpointName, string>;

export function resolvePaths(options: ProviderConfig['options']): EndpointPaths {
  return resolvePathTable(DEFAULT_PATHS, options);
}

const FLOW_SLUG = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const WORKSPACE_SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

function configError(op: ProviderOp, message: string): ProviderError {
  return protocolError('colleckt', op, message);
}

/**
 * The API root (without the flow). Either `config.baseUrl` (used as given; a `{flow}` placeholder
 * or a trailing `/api/v1` is handled by `flowBase`) or the documented workspace forms:
 * `https://{workspace}.colleckt.io` and, with option `environment: "sandbox"`,
 * `https://{workspace}-sandbox.colleckt.io`.
 */
export function apiRoot(
  config: Pick<ProviderConfig, 'baseUrl' | 'options'>,
  op: ProviderOp,
): string {
  const base = trimBaseUrl(config.baseUrl);
  if (base) return base;
  const workspace = config.options['workspace'];
  if (typeof workspace !== 'string' || !WORKSPACE_SLUG.test(workspace)) {
    throw configError(
      op,
      'Colleckt needs either a base URL or the option "workspace" (the sub-domain of your Colleckt workspace).',
    );
  }
  const sandbox = config.options['environment'] === 'sandbox';
  return `https://${workspace}${sandbox ? '-sandbox' : ''}.colleckt.io`;
}

/** `…/api/v1/{flow}` for one flow; rejects flow names that could escape the path. */
export function flowBase(root: string, flow: string, op: ProviderOp): string {
  if (!FLOW_SLUG.test(flow)) throw configError(op, `"${flow}" is not a Colleckt flow name.`);
  if (root.includes('{flow}')) return root.replace('{flow}', flow);
  if (/\/api\/v1$/.test(root)) return `${root}/${flow}`;
  return `${root}/api/v1/${flow}`;
}
