import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_STORAGE_KEY = 'laoshi.language';

type Messages = Record<string, unknown>;

// Every locale file (app.en.json, editor.zh-CN.json, …) is merged into its language's one namespace.
const files = import.meta.glob<{ default: Messages }>('../../i18n/locales/*.json', { eager: true });

function deepMerge(into: Messages, from: Messages): Messages {
  for (const [k, v] of Object.entries(from)) {
    const cur = into[k];
    into[k] = v && typeof v === 'object' && !Array.isArray(v) && cur && typeof cur === 'object' ? deepMerge({ ...(cur as Messages) }, v as Messages) : v;
  }
  return into;
}

function resources(): Record<Language, { translation: Messages }> {
  const out = { en: { translation: {} }, 'zh-CN': { translation: {} } } as Record<Language, { translation: Messages }>;
  for (const [file, mod] of Object.entries(files)) {
    const lang = /\.(en|zh-CN)\.json$/.exec(file)?.[1] as Language | undefined;
    if (lang) out[lang].translation = deepMerge(out[lang].translation, mod.default);
  }
  return out;
}

/** The language to start in: the one the user chose before, else the browser's (Chinese → zh-CN), else English. */
export function initialLanguage(stored: string | null, browser: readonly string[]): Language {
  if (stored && (LANGUAGES as readonly string[]).includes(stored)) return stored as Language;
  for (const tag of browser) {
    if (/^zh\b/i.test(tag)) return 'zh-CN';
    if (/^en\b/i.test(tag)) return 'en';
  }
  return 'en';
}

/** Builds the app's i18next instance (no globals: the app passes it to I18nextProvider). */
export function createI18n(language: Language): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: resources(),
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false }, // React escapes; nothing we render is raw HTML
    returnNull: false,
    initAsync: false,
  });
  instance.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
    try {
      localStorage.setItem(LANGUAGE_STORAGE_KEY, lng);
    } catch {
      // private mode: the choice lasts for this tab only
    }
  });
  document.documentElement.lang = language;
  return instance;
}
