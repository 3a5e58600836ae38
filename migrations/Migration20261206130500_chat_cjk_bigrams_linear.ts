import { Migration } from '@mikro-orm/migrations';

/**
 * `chat_cjk_bigrams` in linear time. The first version took each pair with `substr(run, i, 2)`, which walks the
 * multibyte string from its start every time: quadratic, about 0.5 s for a 4,000-character CJK message on PGlite
 * (every send computes it for the index), against ~15 ms now. Pairs now come from two non-overlapping 2-character
 * regexp scans, one from the run's first character and one from its second, which together give every adjacent pair
 * exactly once (same results: checked against the old function on mixed Latin, Japanese, Chinese and Korean text).
 * The index is rebuilt so nothing depends on the old definition.
 */
const CJK = '[\\u1100-\\u11ff\\u3040-\\u30ff\\u3130-\\u318f\\u31f0-\\u31ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff\\uff66-\\uff9f]';

export class Migration20261206130500_chat_cjk_bigrams_linear extends Migration {

  override name = 'Migration20261206130500_chat_cjk_bigrams_linear';

  override up(): void | Promise<void> {
    this.addSql(`create or replace function chat_cjk_bigrams(body text) returns text[] language sql immutable strict parallel safe as $$
  select coalesce(array_agg(distinct pair[1]), '{}')
  from regexp_matches(body, '${CJK}{2,}', 'g') as run,
       lateral (values (run[1]), (substr(run[1], 2))) as half(s),
       lateral regexp_matches(half.s, '${CJK}{2}', 'g') as pair
$$;`);
    this.addSql(`reindex index "messages_body_cjk_idx";`);
  }

  override down(): void | Promise<void> {
    this.addSql(`create or replace function chat_cjk_bigrams(body text) returns text[] language sql immutable strict parallel safe as $$
  select coalesce(array_agg(distinct substr(run[1], i, 2)), '{}')
  from regexp_matches(body, '${CJK}{2,}', 'g') as run,
       generate_series(1, length(run[1]) - 1) as i
$$;`);
    this.addSql(`reindex index "messages_body_cjk_idx";`);
  }

}
