import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { deepMerge, type Tree } from './locales/merge.ts';

export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'veza.language';

const isLanguage = (value: unknown): value is Language => LANGUAGES.includes(value as Language);

function storedLanguage(): Language | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

/** The saved choice first, then the browser's language (French if it starts with "fr"), else English. */
export function detectLanguage(): Language {
  const stored = storedLanguage();
  if (stored) return stored;
  const browser = typeof navigator === 'undefined' ? '' : (navigator.language ?? '');
  return browser.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

function syncDocument(lng: string) {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
}

/**
 * Each language's translations are two chunks of their own: what the first screen needs (`<lng>.ts`) and the other
 * screens' strings (`<lng>.extra.ts`). The first page fetches only the active language's.
 */
const loaders: Record<Language, () => Promise<{ default: Tree }>> = {
  en: () => import('./locales/en.ts'),
  fr: () => import('./locales/fr.ts'),
};
const extraLoaders: Record<Language, () => Promise<{ default: Tree }>> = {
  en: () => import('./locales/en.extra.ts'),
  fr: () => import('./locales/fr.extra.ts'),
};

/** The part of a language the first screen needs (main.tsx awaits it before the first render: no flash of keys). */
export const loadCoreTranslations = async (lng: Language): Promise<Tree> => (await loaders[lng]()).default;

/** A language's other screens' strings. */
export const loadExtraTranslations = async (lng: Language): Promise<Tree> => (await extraLoaders[lng]()).default;

/** Resolves once the other screens' strings being fetched for the active language are there (at once when none are). */
export const screenStrings = (): Promise<void> => completed.get(currentLanguage()) ?? Promise.resolve();

/** A whole language. */
export const loadTranslations = async (lng: Language): Promise<Tree> => {
  const [core, extra] = await Promise.all([loadCoreTranslations(lng), loadExtraTranslations(lng)]);
  return deepMerge(core, extra);
};

const completed = new Map<Language, Promise<void>>();

/**
 * Adds the active language's other screens' strings once i18next runs on its core part (main.tsx, right after the
 * first render); components re-render when they arrive (`bindI18nStore: 'added'`). Idempotent.
 */
export function completeTranslations(lng: Language): Promise<void> {
  let done = completed.get(lng);
  if (!done) {
    done = loadExtraTranslations(lng).then(
      (extra) => {
        i18next.addResourceBundle(lng, 'translation', extra, true, true);
      },
      // Offline, or a deploy replaced the chunk: forget it, so the next call tries again.
      () => {
        completed.delete(lng);
      },
    );
    completed.set(lng, done);
  }
  return done;
}

/**
 * Initialises i18next once, synchronously, with the translations given (the app passes the active language; tests and
 * Storybook pass both). Languages not given are fetched when first chosen (setLanguage).
 */
export function initI18n(lng: Language, translations: Partial<Record<Language, Tree>> = {}): I18n {
  if (!i18next.isInitialized) {
    const resources = Object.fromEntries(Object.entries(translations).map(([code, translation]) => [code, { translation }]));
    void i18next.use(initReactI18next).init({
      resources,
      lng,
      fallbackLng: 'en',
      supportedLngs: [...LANGUAGES],
      interpolation: { escapeValue: false },
      initAsync: false,
      returnNull: false,
      // The other screens' strings arrive after the first render (completeTranslations): re-render on them.
      react: { bindI18nStore: 'added' },
    });
    i18next.on('languageChanged', syncDocument);
  } else {
    for (const [code, translation] of Object.entries(translations)) {
      if (!i18next.hasResourceBundle(code, 'translation')) i18next.addResourceBundle(code, 'translation', translation);
    }
    if (i18next.language !== lng) void i18next.changeLanguage(lng);
  }
  syncDocument(i18next.language);
  return i18next;
}

/** Switches the language and remembers the choice; a language not loaded yet is fetched first. */
export function setLanguage(lng: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  if (i18next.hasResourceBundle(lng, 'translation')) {
    void i18next.changeLanguage(lng);
    return;
  }
  loadTranslations(lng).then(
    (translation) => {
      i18next.addResourceBundle(lng, 'translation', translation);
      void i18next.changeLanguage(lng);
    },
    // Offline, or a deploy replaced the chunk: the page stays in the current language; the choice applies on reload.
    () => undefined,
  );
}

export const currentLanguage = (): Language => (isLanguage(i18next.resolvedLanguage) ? i18next.resolvedLanguage : 'en');

/** BCP 47 locale for Intl formatting. */
export const localeOf = (lng: string) => (lng === 'fr' ? 'fr-FR' : 'en-GB');
