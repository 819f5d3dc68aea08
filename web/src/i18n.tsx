import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { messages, type MessageKey } from './messages';

export type Lang = 'zh' | 'en';
const STORAGE_KEY = 'sfm.lang';

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  /** A catalogue message; `{name}` placeholders are filled from `vars`. */
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  /** The user's language of a bilingual API text ({zh, en}). */
  pick(text: { zh: string; en: string } | null | undefined): string;
  money(yuan: number | null | undefined): string;
  date(iso: string | null | undefined): string;
  dateTime(iso: string | null | undefined): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  const saved = localStorage.getItem(STORAGE_KEY);
  return saved === 'en' || saved === 'zh' ? saved : 'zh';
}

/** Money as people read it: 万元 in Chinese, yuan with separators in English. */
export function formatMoney(yuan: number, lang: Lang): string {
  if (lang === 'zh') {
    if (yuan >= 10000)
      return `${(yuan / 10000).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 万元`;
    return `${yuan.toLocaleString('zh-CN')} 元`;
  }
  return `CNY ${yuan.toLocaleString('en-GB')}`;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  const value = useMemo<I18n>(() => {
    const locale = lang === 'zh' ? 'zh-CN' : 'en-GB';
    const tz = { timeZone: 'Asia/Shanghai' } as const;
    return {
      lang,
      setLang(next) {
        localStorage.setItem(STORAGE_KEY, next);
        setLangState(next);
      },
      t(key, vars) {
        let text: string = messages[key][lang === 'zh' ? 0 : 1];
        if (vars)
          for (const [k, v] of Object.entries(vars)) text = text.replaceAll(`{${k}}`, String(v));
        return text;
      },
      pick: (text) => (text ? text[lang] || text.zh : ''),
      money: (yuan) => (yuan === null || yuan === undefined ? '—' : formatMoney(yuan, lang)),
      date: (iso) =>
        iso
          ? new Date(iso.length === 10 ? `${iso}T00:00:00+08:00` : iso).toLocaleDateString(
              locale,
              tz,
            )
          : '—',
      dateTime: (iso) =>
        iso
          ? new Date(iso).toLocaleString(locale, { ...tz, dateStyle: 'medium', timeStyle: 'short' })
          : '—',
    };
  }, [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
