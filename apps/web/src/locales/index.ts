// Both languages at once, for tests and Storybook. The app itself loads only the active one (i18n.ts).
export type { Tree } from './merge.ts';
export { default as en } from './en.ts';
export { default as fr } from './fr.ts';
