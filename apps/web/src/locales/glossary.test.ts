import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Guards GLOSSARY.md: every French string of every fr*.json file (present and future) uses the chosen term for each
 * concept. A failure names the key, the value and the glossary entry to follow.
 */

type Tree = { [key: string]: string | Tree };

const dir = import.meta.dirname;
const files = (lang: 'en' | 'fr') => readdirSync(dir).filter((name) => new RegExp(`^${lang}(\\.[\\w-]+)?\\.json$`).test(name)).sort();
const load = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as Tree;

function entries(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : entries(v, `${prefix}${k}.`)));
}

/** Keys written twice in one object of a JSON text (JSON.parse silently keeps the last one). */
function duplicateKeys(text: string): string[] {
  const found: string[] = [];
  const stack: Set<string>[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '{') stack.push(new Set());
    else if (ch === '}') stack.pop();
    else if (ch === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const isKey = /^\s*:/.test(text.slice(end + 1, end + 20));
      const keys = stack.at(-1);
      if (isKey && keys) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (keys.has(key)) found.push(key);
        keys.add(key);
      }
      i = end;
    }
  }
  return found;
}

/** The text a reader sees: interpolations such as {{email}} are names for the code, not words. */
const visible = (value: string) => value.replace(/\{\{[^}]*\}\}/g, '');

/** Whole words only: \b does not know that « é » is a letter, so letters are looked at explicitly. */
const words = (source: string, flags = 'iu') => new RegExp(`(?<![\\p{L}\\p{N}-])(?:${source})(?![\\p{L}\\p{N}])`, flags);

/** The one place where « déposer » is right: the instruction of a drag-and-drop zone. */
const DROP_ZONE = new RegExp(words('déposez(?:-les|-la| vos fichiers| votre image)? ici').source, 'giu');

interface Rule {
  forbidden: RegExp;
  use: string;
  allow?: RegExp;
}

const RULES: Rule[] = [
  { forbidden: words('pistes?'), use: 'morceau / morceaux' },
  { forbidden: words('e?mails?|courriels?'), use: 'e-mail (E-mail en début de phrase)' },
  { forbidden: words('[kKMGT]i?B|Ko', 'u'), use: 'ko / Mo / Go' },
  { forbidden: words('d[ée]pos(?:er|ez|é|ée|és|ées|ons|e|ant)'), use: 'Envoyer / envoi for an upload; « déposez… ici » only in a drop zone', allow: DROP_ZONE },
  { forbidden: words('codes? de secours'), use: 'code de récupération' },
  { forbidden: words('deux étapes|double authentification|A2F'), use: 'authentification à deux facteurs (2FA)' },
  { forbidden: words('appli|app'), use: "application d'authentification" },
  { forbidden: words('réglages?'), use: 'paramètres' },
  { forbidden: words('embed|embarqu(?:er|é|ée|és|ées|ez)|liens? secrets?'), use: 'intégrer / code d’intégration; lien privé' },
  { forbidden: words('passkeys?|clés? de passe'), use: "clé d'accès" },
  { forbidden: words("likes?|mentions? j['’]aime"), use: "j'aime" },
  { forbidden: words('reposts?|repost(?:er|ez|é|ée|és|ées)|repartag(?:er|ez|é|ée|és|ées)'), use: 'republier / republication' },
  { forbidden: words('plays?|lectures|captions?|légendes?'), use: 'écoutes (a play count), message (a repost caption)' },
  { forbidden: words('uploads?|tracks?|cover|log ?in|log ?out|sign ?(?:in|up)'), use: 'the French term (envoi, morceau, pochette, connexion, inscription)' },
  { forbidden: words("identifiez-vous|s'identifier|ouvrir une session|fermer la session"), use: 'Se connecter / Se déconnecter' },
  { forbidden: words("followers?|suiveurs?|s['’]abonner|follow"), use: 'Suivre / abonnés / abonnements' },
  { forbidden: words('approuv(?:er|ez|é|ée|és|ées)|déclin(?:er|ez|é|ée|és|ées)|rejet(?:er|ez|é|ée|és|ées)'), use: 'Accepter / Refuser (a follow request)' },
  { forbidden: words('demandes? de suivi|comptes? protégés?'), use: "demande d'abonnement, compte privé" },
  { forbidden: /\.\.\./, use: '… (one character)' },
  { forbidden: /["“”]/, use: '« guillemets » with spaces inside' },
];

/** Every rule match in the French values, as "file key: value → use …". */
function glossaryViolations(values: [string, string][], rules: Rule[] = RULES): string[] {
  return values.flatMap(([key, value]) =>
    rules.filter((rule) => rule.forbidden.test(rule.allow ? visible(value).replace(rule.allow, '') : visible(value))).map((rule) => `${key}: ${value} → use ${rule.use}`),
  );
}

describe('French glossary (GLOSSARY.md)', () => {
  const french = files('fr').flatMap((name) => entries(load(name), `${name} `));

  it('reads every French file', () => {
    expect(files('fr')).toEqual(expect.arrayContaining(['fr.json', 'fr.account.json', 'fr.security.json']));
    expect(french.length).toBeGreaterThan(500);
  });

  it('uses one French term per concept everywhere', () => {
    expect(glossaryViolations(french)).toEqual([]);
  });

  it('catches each forbidden variant and lets the drop zone say « déposez-les ici »', () => {
    const bad: [string, string][] = [
      ['a', 'Vos pistes'],
      ['b', 'Votre email'],
      ['c', 'Saisissez votre mail'],
      ['d', '5 MB au maximum'],
      ['e', 'Déposer des morceaux'],
      ['f', 'Déposez votre premier morceau.'],
      ['g', 'Codes de secours renouvelés'],
      ['h', 'La connexion en deux étapes'],
      ['i', '12 KB'],
      ['j', 'Approuver la demande'],
      ['k', 'Demande déclinée'],
      ['l', 'Vos demandes de suivi'],
      ['m', 'Reposté par Ana'],
      ['n', '1,2 k plays'],
      ['o', 'Ajouter une légende'],
    ];
    expect(glossaryViolations(bad)).toHaveLength(bad.length);
    const good: [string, string][] = [
      ['a', 'Vos morceaux'],
      ['b', "Saisissez l'e-mail de {{email}}"],
      ['c', '5 Mo au maximum'],
      ['d', 'Choisissez des fichiers audio ou déposez-les ici'],
      ['e', 'Envoyer des morceaux'],
      ['f', "Accepter la demande d'abonnement de Léa"],
      ['g', 'Republié par Ana et 4 autres personnes'],
      ['h', '1,2 k écoutes'],
    ];
    expect(glossaryViolations(good)).toEqual([]);
  });
});

describe('English and French files', () => {
  it('write each key once per object (JSON.parse would silently keep only the last)', () => {
    for (const name of [...files('en'), ...files('fr')]) expect({ file: name, duplicates: duplicateKeys(readFileSync(join(dir, name), 'utf8')) }).toEqual({ file: name, duplicates: [] });
    expect(duplicateKeys('{"a": {"b": "x", "b": "y"}, "c": "{\\"", "d": {"b": "z"}}')).toEqual(['b']);
  });

  it('come in pairs with the same keys, so each area translates in its own file', () => {
    expect(files('fr')).toEqual(files('en').map((name) => name.replace(/^en/, 'fr')));
    for (const name of files('en')) {
      const keys = (lang: string) => entries(load(name.replace(/^en/, lang))).map(([k]) => k).sort();
      expect({ file: name, keys: keys('fr') }).toEqual({ file: name, keys: keys('en') });
    }
  });
});
