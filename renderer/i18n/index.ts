/**
 * UI strings in English and Bahasa Indonesia. Keys are stable; a missing translation falls back
 * to English, and a missing key shows itself (so it gets noticed).
 */
import { create } from 'zustand';
import { en } from './en.ts';
import { id } from './id.ts';

export type Lang = 'en' | 'id';
export type MessageKey = keyof typeof en;

const dictionaries: Record<Lang, Partial<Record<MessageKey, string>>> = { en, id };

interface LangStore {
  lang: Lang;
  setLang(lang: Lang): void;
}

export const useLang = create<LangStore>((set) => ({
  lang: (typeof localStorage !== 'undefined' && (localStorage.getItem('checkdesk.lang') as Lang | null)) || 'en',
  setLang(lang) {
    try {
      localStorage.setItem('checkdesk.lang', lang);
    } catch {
      // storage may be unavailable (private mode); the choice then lasts for this session
    }
    document.documentElement.lang = lang;
    set({ lang });
  },
}));

export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  let text = dictionaries[lang][key] ?? en[key] ?? key;
  if (vars) for (const [k, v] of Object.entries(vars)) text = text.replaceAll(`{${k}}`, String(v));
  return text;
}

export function useT(): (key: MessageKey, vars?: Record<string, string | number>) => string {
  const lang = useLang((s) => s.lang);
  return (key, vars) => translate(lang, key, vars);
}

export function locale(lang: Lang): string {
  return lang === 'id' ? 'id-ID' : 'en-GB';
}
