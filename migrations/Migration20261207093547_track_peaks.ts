import { Migration } from '@mikro-orm/migrations';

export class Migration20261207093547_track_peaks extends Migration {

  override name = 'Migration20261207093547_track_peaks';

  override up(): void | Promise<void> {
    this.addSql(`alter table "tracks" add "peaks" jsonb null;`);
    // Tracks analysed before: their 64-bar summary from the stored waveform (each bar its bucket's peak).
    this.addSql(`update "tracks" t set "peaks" = s.peaks from (
      select id, jsonb_agg(peak order by bar) as peaks from (
        select w.id, floor((e.i - 1) * 64.0 / jsonb_array_length(w.waveform))::int as bar, round(max((e.v #>> '{}')::numeric), 2) as peak
        from "tracks" w, jsonb_array_elements(w.waveform) with ordinality as e(v, i)
        where jsonb_typeof(w.waveform) = 'array' and jsonb_array_length(w.waveform) >= 64
        group by w.id, bar
      ) b group by id
    ) s where s.id = t.id;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "tracks" drop column "peaks";`);
  }

}
