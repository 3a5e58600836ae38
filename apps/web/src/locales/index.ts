// Both languages at once, whole, for tests and Storybook. The app itself loads only the active one, in two parts (i18n.ts).
import enCore from './en.ts';
import enExtra from './en.extra.ts';
import frCore from './fr.ts';
import frExtra from './fr.extra.ts';
import { deepMerge } from './merge.ts';

export type { Tree } from './merge.ts';
export const en = deepMerge(enCore, enExtra);
export const fr = deepMerge(frCore, frExtra);
