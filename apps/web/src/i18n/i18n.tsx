import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { format, type Params } from './format.js';
import { vi, type Dictionary, type MessageKey } from './vi.js';

export type Lang = 'vi' | 'en';
export const LANGS: Lang[] = ['vi', 'en'];
/** Vietnamese ships with the first load; English is fetched when first chosen (most users never need it). */
const DICTIONARIES: Partial<Record<Lang, Dictionary>> = { vi };

function loadDictionary(lang: Lang): Promise<Dictionary> {
  const ready = DICTIONARIES[lang];
  if (ready) return Promise.resolve(ready);
  return import('./en.js').then(({ en }) => (DICTIONARIES.en = en));
}
const STORAGE_KEY = 'dh.lang';

export { format, type Params };

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  // until the chosen dictionary has arrived, Vietnamese
  return format((DICTIONARIES[lang] ?? vi)[key], params);
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(vi, key);
}

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'vi' || saved === 'en') return saved;
  } catch {
    // storage blocked (private mode): Vietnamese, the default
  }
  return 'vi';
}

export interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey, params?: Params): string;
  /** BCP 47 locale for dates and numbers. */
  locale: string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [wanted, setWanted] = useState<Lang>(initialLang);
  const [lang, setLangState] = useState<Lang>(() => (DICTIONARIES[wanted] ? wanted : 'vi'));
  useEffect(() => {
    let stale = false;
    loadDictionary(wanted).then(
      () => !stale && setLangState(wanted),
      (err: unknown) => console.warn('dictionary not loaded', wanted, err),
    );
    return () => {
      stale = true;
    };
  }, [wanted]);
  const setLang = useCallback((next: Lang) => {
    setWanted(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not persisted when storage is blocked; the choice still holds for this page
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = translate(lang, 'app.name');
  }, [lang]);
  const value = useMemo<I18n>(
    () => ({ lang, setLang, t: (key, params) => translate(lang, key, params), locale: lang === 'vi' ? 'vi-VN' : 'en-GB' }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

/** Meeting times are Hanoi times whatever the device's zone. */
export function formatDateTime(locale: string, iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone: 'Asia/Ho_Chi_Minh' }).format(d);
}

/** A Hanoi time in a short form (10:24 2/12/2026), for tables and lists where the full date takes too much room. */
export function formatShortDateTime(locale: string, iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'Asia/Ho_Chi_Minh' }).format(d);
}
