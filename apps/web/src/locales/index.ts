// Translations are split by area so screens can grow without everyone editing one file; merged deeply here.
import enAccount from './en.account.json';
import enBase from './en.json';
import enSecurity from './en.security.json';
import frAccount from './fr.account.json';
import frBase from './fr.json';
import frSecurity from './fr.security.json';

export type Tree = { [key: string]: string | Tree };

function deepMerge(...trees: Tree[]): Tree {
  const out: Tree = {};
  for (const tree of trees) {
    for (const [key, value] of Object.entries(tree)) {
      const existing = out[key];
      out[key] = typeof value === 'object' && typeof existing === 'object' ? deepMerge(existing, value) : value;
    }
  }
  return out;
}

export const en = deepMerge(enBase as Tree, enSecurity as Tree, enAccount as Tree);
export const fr = deepMerge(frBase as Tree, frSecurity as Tree, frAccount as Tree);
