/** Review keyboard shortcuts: one place, so the buttons, the cheat sheet and the handler agree. */
import type { AllowedAction, ReviewAction } from '../../../shared/contract.ts';
import type { MessageKey } from '../../i18n/index.ts';

/** Key → the actions it triggers, first allowed one wins. */
export const ACTION_KEYS: Readonly<Record<string, readonly ReviewAction[]>> = {
  a: ['approve', 'confirm_approval'],
  r: ['reject'],
  h: ['hold'],
  u: ['resume'],
  t: ['retry'],
};

export function keyOf(action: ReviewAction): string | null {
  for (const [key, actions] of Object.entries(ACTION_KEYS))
    if (actions.includes(action)) return key;
  return null;
}

export function actionForKey(key: string, allowed: readonly AllowedAction[]): AllowedAction | null {
  const wanted = ACTION_KEYS[key.toLowerCase()];
  if (!wanted) return null;
  for (const a of wanted) {
    const found = allowed.find((x) => x.action === a);
    if (found) return found;
  }
  return null;
}

/** Every shortcut of the review screen, for the cheat sheet. */
export const CHEAT_SHEET: readonly { keys: string[]; what: MessageKey }[] = [
  { keys: ['A'], what: 'keys.approve' },
  { keys: ['R'], what: 'keys.reject' },
  { keys: ['H'], what: 'keys.hold' },
  { keys: ['U'], what: 'keys.resume' },
  { keys: ['T'], what: 'keys.retry' },
  { keys: ['J'], what: 'keys.next' },
  { keys: ['K'], what: 'keys.previous' },
  { keys: ['M'], what: 'keys.assignMe' },
  { keys: ['+', '-'], what: 'keys.zoom' },
  { keys: ['0'], what: 'keys.fit' },
  { keys: ['[', ']'], what: 'keys.rotate' },
  { keys: ['Enter'], what: 'keys.confirm' },
  { keys: ['Esc'], what: 'keys.cancel' },
  { keys: ['?'], what: 'keys.help' },
];

/** True when a key press belongs to a text field, not to the screen. */
export function typingInto(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  return (
    tag === 'INPUT' ||
    tag === 'TEXTAREA' ||
    tag === 'SELECT' ||
    el.isContentEditable ||
    !!el.closest('dialog')
  );
}
