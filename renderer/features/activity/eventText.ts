/** Plain-language text for a history event's "what" (events.what), in the UI language. */
import { hasLabel, label, type Lang } from '../../../shared/i18n/index.ts';

export function eventWhat(lang: Lang, what: string): string {
  if (hasLabel('event', what)) return label(lang, 'event', what);
  // A review action the event table does not know yet: at least name the action.
  const action = what.startsWith('review:') ? what.slice('review:'.length) : what;
  if (hasLabel('reviewAction', action)) return label(lang, 'reviewAction', action);
  return what;
}

/** A from/to value: a phase, stage, file state, inbox state or health when one of those knows it. */
export function stateText(lang: Lang, value: string | null): string {
  if (!value) return '';
  for (const group of [
    'phase',
    'stage',
    'fileState',
    'preflight',
    'providerHealth',
    'inboxState',
    'runStatus',
    'decision',
  ] as const) {
    if (hasLabel(group, value)) return label(lang, group, value);
  }
  return value;
}
