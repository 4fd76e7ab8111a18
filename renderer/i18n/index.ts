/**
 * UI strings in English and Bahasa Indonesia. Keys are stable; the Indonesian dictionary must
 * have every key (a compile error otherwise). Canonical enum values (stages, decisions, review
 * actions, …) are never written here: they come from shared/i18n through `useLabel`.
 */
import { create } from 'zustand';
import {
  label as sharedLabel,
  reasonText as sharedReasonText,
  type LabelGroup,
} from '../../shared/i18n/index.ts';
import { en, enOne } from './en.ts';
import { id } from './id.ts';

export type Lang = 'en' | 'id';
export type MessageKey = keyof typeof en;
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const dictionaries: Record<Lang, Readonly<Record<MessageKey, string>>> = { en, id };
const STORAGE_KEY = 'checkdesk.lang';

function storedLang(): Lang | null {
  try {
    const v = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
    return v === 'en' || v === 'id' ? v : null;
  } catch {
    return null;
  }
}

interface LangStore {
  lang: Lang;
  /** True when the person chose a language on this machine (it then wins over the engine's). */
  chosenLocally: boolean;
  setLang(lang: Lang): void;
}

export const useLang = create<LangStore>((set) => ({
  lang: storedLang() ?? 'en',
  chosenLocally: storedLang() !== null,
  setLang(lang) {
    try {
      localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // storage may be unavailable (private mode); the choice then lasts for this session
    }
    document.documentElement.lang = lang;
    set({ lang, chosenLocally: true });
  },
}));

/** Singular forms where a language has them (Indonesian does not mark the plural). */
const singulars: Record<Lang, Partial<Record<MessageKey, string>>> = { en: enOne, id: {} };

export function translate(
  lang: Lang,
  key: MessageKey,
  vars?: Record<string, string | number>,
): string {
  const one =
    vars !== undefined && 'n' in vars && String(vars.n) === '1' ? singulars[lang][key] : undefined;
  let text = one ?? dictionaries[lang][key] ?? en[key] ?? key;
  if (vars) for (const [k, v] of Object.entries(vars)) text = text.replaceAll(`{${k}}`, String(v));
  return text;
}

export function useT(): Translate {
  const lang = useLang((s) => s.lang);
  return (key, vars) => translate(lang, key, vars);
}

/** Label of a canonical enum value (shared/i18n) in the current language. */
export function useLabel(): (group: LabelGroup, value: string | null | undefined) => string {
  const lang = useLang((s) => s.lang);
  return (group, value) => sharedLabel(lang, group, value);
}

export function useReasonText(): (code: string, message?: string | null) => string {
  const lang = useLang((s) => s.lang);
  return (code, message) => sharedReasonText(lang, code, message);
}

/** The Intl locale of a UI language. */
export function locale(lang: Lang): string {
  return lang === 'id' ? 'id-ID' : 'en';
}
