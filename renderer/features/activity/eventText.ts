/** Plain-language text for a history event's "what" (events.what), in the UI language. */
import { hasLabel, label, type Lang } from '../../../shared/i18n/index.ts';

export function eventWhat(lang: Lang, what: string): string {
  if (what.startsWith('review:')) {
    const action = what.slice('review:'.length);
    if (hasLabel('reviewAction', action)) return label(lang, 'reviewAction', action);
    if (hasLabel('event', what)) return label(lang, 'event', what);
    return label(lang, 'event', action);
  }
  if (hasLabel('reviewAction', what) && !hasLabel('event', what)) return label(lang, 'reviewAction', what);
  return label(lang, 'event', what);
}

/** A from/to value: a phase, stage, file state or health when one of those knows it. */
export function stateText(lang: Lang, value: string | null): string {
  if (!value) return '';
  for (const group of ['phase', 'stage', 'fileState', 'preflight', 'providerHealth', 'runStatus', 'decision'] as const) {
    if (hasLabel(group, value)) return label(lang, group, value);
  }
  return value;
}
