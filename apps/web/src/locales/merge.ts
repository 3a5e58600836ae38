export type Tree = { [key: string]: string | Tree };

/** Translations are split by area so screens can grow without everyone editing one file; merged deeply per language. */
export function deepMerge(...trees: Tree[]): Tree {
  const out: Tree = {};
  for (const tree of trees) {
    for (const [key, value] of Object.entries(tree)) {
      const existing = out[key];
      out[key] = typeof value === 'object' && typeof existing === 'object' ? deepMerge(existing, value) : value;
    }
  }
  return out;
}
