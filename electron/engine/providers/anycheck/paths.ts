/**
 * Every AnyCheck endpoint path in one table. A deployment whose paths differ (older hosts, or the
 * endpoints that are not in the public documentation) overrides an entry with the provider option
 * `path.<name>`, e.g. `"path.fraudConfirmation": "/verifications/{id}/fraud/confirm"`.
 *
 * Defaults and where they come from:
 * - login, refresh, services, folders, folder, groupFolders, uploads, verifications, verification,
 *   retry, checkDuplicate, bulkExport: the vendor's published API reference.
 * - me: not published. Used only to learn the caller's group id (needed to list folders by name)
 *   when the `groupId` option is not set; it answers `{id, email, group: {id, name}}`.
 * - fraudConfirmation: not published (the FRAUD_DETECTED gate is confirmed from the dashboard in
 *   the documentation). CheckDesk sends `POST {path}` with `{"action": "PROCEED" | "REJECT",
 *   "reason"?: string}` and expects the verification object back: PROCEED resumes processing,
 *   REJECT stops it (status CANCELLED, `output.fraud_confirmed = true`). The built-in sandbox
 *   implements exactly this default.
 */
import { resolvePathTable } from '../kit/paths.ts';

export const DEFAULT_PATHS = {
  login: '/auth/login',
  refresh: '/auth/refresh',
  me: '/auth/me',
  services: '/services',
  folders: '/folders',
  folder: '/folders/{id}',
  groupFolders: '/groups/{group_id}/folders',
  uploads: '/uploads',
  verifications: '/verifications',
  verification: '/verifications/{id}',
  retry: '/verifications/{id}/retry',
  checkDuplicate: '/verifications/check-duplicate',
  bulkExport: '/verifications/bulk-export',
  fraudConfirmation: '/verifications/{id}/fraud-confirmation',
} as const;

export type EndpointName = keyof typeof DEFAULT_PATHS;
export type EndpointPaths = Record<EndpointName, string>;

/** The table with `path.*` options applied (unknown names are ignored, values must start with '/'). */
export function resolvePaths(options: Record<string, string | number | boolean>): EndpointPaths {
  return resolvePathTable(DEFAULT_PATHS, options);
}
