import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { aTrack } from '@veza/mocks';
import { afterEach, describe, expect, it } from 'vitest';
import { notificationToast } from './features/session/notification-toast.ts';
import { initI18n, loadCoreTranslations, loadExtraTranslations, loadTranslations, setLanguage } from './i18n.ts';
import { en, fr } from './locales/index.ts';

type Tree = { [key: string]: string | Tree };

function keysOf(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keysOf(v, `${prefix}${k}.`)));
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.(test|stories)\.tsx?$/.test(name) ? [path] : [];
  });
}

const srcDir = join(import.meta.dirname);

describe('translations', () => {
  afterEach(() => initI18n('en'));

  it('has the same keys in English and French', () => {
    expect(keysOf(fr as Tree).sort()).toEqual(keysOf(en as Tree).sort());
  });

  it('has every literal key the code asks for', () => {
    const known = new Set(keysOf(en as Tree).map((k) => k.replace(/_(one|other)$/, '')));
    const used = sources(srcDir).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\bt\('([a-zA-Z]+\.[\w.]+)'/g)].map((m) => m[1]!));
    expect(used.length).toBeGreaterThan(50);
    expect(used.filter((key) => !known.has(key))).toEqual([]);
  });

  it('names the liker and the track in the live notification, in both languages', () => {
    const event = { type: 'track.liked' as const, id: '7', createdAt: '', actor: { id: 'u', username: 'ana', displayName: 'Ana Lima' }, track: { id: aTrack().id, title: 'Night Drive' } };
    expect(notificationToast('7', event)).toMatchObject({ id: 'notification-7', title: 'ana liked “Night Drive”' });
    setLanguage('fr');
    expect(notificationToast('7', event).title).toBe('ana a aimé « Night Drive »');
  });

  it('remembers the chosen language and keeps <html lang> in sync', () => {
    setLanguage('fr');
    expect(document.documentElement.lang).toBe('fr');
    expect(localStorage.getItem('veza.language')).toBe('fr');
  });

  it("splits each language in two: the home page and the app's frame need only the first part", async () => {
    const core = new Set(keysOf((await loadCoreTranslations('en')) as Tree).map((k) => k.replace(/_(one|other)$/, '')));
    const extra = keysOf((await loadExtraTranslations('fr')) as Tree);
    expect(extra.length).toBeGreaterThan(100);
    expect(core.has('nav.chat')).toBe(true);
    // The frame (header, navigation, player, toasts) renders before the second part arrives.
    const frame = [...sources(join(srcDir, 'layout')), join(srcDir, 'app.tsx'), ...sources(join(srcDir, 'pages/home'))];
    const used = frame.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\bt\('([a-zA-Z]+\.[\w.]+)'/g)].map((m) => m[1]!));
    expect(used.length).toBeGreaterThan(10);
    expect(used.filter((key) => !core.has(key))).toEqual([]);
  });

  it('fetches each language on its own, with every area merged in', async () => {
    expect(await loadTranslations('fr')).toEqual(fr);
    expect(await loadTranslations('en')).toEqual(en);
  });
});
