/**
 * The names the renderer may use. They mirror HANDLER_NAMES / EVENT_NAMES of shared/contract.ts
 * as type-checked literals because the sandboxed preload cannot load zod (which the contract's
 * runtime values need). The compiler keeps them exact: a name missing here fails `tsc` with the
 * missing names in the message, a name not in the contract fails `satisfies`, and
 * test/unit/electron/preload-bridge.test.ts compares them with the runtime lists.
 */
import type { EventName, HandlerName } from '../../shared/contract.ts';
import { SHELL_EVENT_NAMES } from './channels.ts';

export const HANDLER_ALLOW_LIST = [
  'engine.status',
  'files.list',
  'inboxes.list',
  'inboxes.add',
  'inboxes.update',
  'inboxes.remove',
  'inboxes.rescan',
  'cases.list',
  'cases.get',
  'review.list',
  'review.act',
  'documents.unlock',
  'review.assign',
  'review.bulk',
  'activity.list',
  'providers.list',
  'providers.configure',
  'providers.test',
  'providers.resume',
  'reports.export',
  'reports.cancel',
  'reports.list',
  'settings.get',
  'settings.set',
  'intake.import',
  'intake.importResults',
] as const satisfies readonly HandlerName[];

export const CONTRACT_EVENT_ALLOW_LIST = [
  'engine.status',
  'file.added',
  'file.changed',
  'case.changed',
  'report.progress',
  'activity',
] as const satisfies readonly EventName[];

type Missing<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : Exclude<All, Listed>;

// Each constant only type-checks while its list covers the contract completely.
export const HANDLERS_COMPLETE: Missing<HandlerName, (typeof HANDLER_ALLOW_LIST)[number]> = true;
export const EVENTS_COMPLETE: Missing<EventName, (typeof CONTRACT_EVENT_ALLOW_LIST)[number]> = true;

export const HANDLER_ALLOWED: ReadonlySet<string> = new Set<string>(HANDLER_ALLOW_LIST);
export const EVENT_ALLOWED: ReadonlySet<string> = new Set<string>([
  ...CONTRACT_EVENT_ALLOW_LIST,
  ...SHELL_EVENT_NAMES,
]);
