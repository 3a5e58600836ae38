// The embed page's few strings (locales/*.embed.json), without i18next: the page stays small. The language is the
// browser's (French or English), or `?lang=`.
import en from '../locales/en.embed.json';
import fr from '../locales/fr.embed.json';

export type EmbedLanguage = 'en' | 'fr';
type Key = `embed.${keyof typeof en.embed}`;

export const embedLanguage = (search: string, languages: readonly string[]): EmbedLanguage => {
  const asked = new URLSearchParams(search).get('lang');
  if (asked === 'fr' || asked === 'en') return asked;
  return languages[0]?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
};

/** `t('embed.play', { title })` in `language`. */
export const translator = (language: EmbedLanguage) => {
  const strings = (language === 'fr' ? fr : en).embed;
  return (key: Key, params: Record<string, string> = {}) =>
    strings[key.slice('embed.'.length) as keyof typeof strings].replace(/\{\{(\w+)\}\}/g, (_, name: string) => params[name] ?? '');
};
export type EmbedT = ReturnType<typeof translator>;
