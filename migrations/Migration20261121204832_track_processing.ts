import { Migration } from '@mikro-orm/migrations';

export class Migration20261121204832_track_processing extends Migration {

  override name = 'Migration20261121204832_track_processing';

  override up(): void | Promise<void> {
    this.addSql(`alter table "tracks" add "status" text not null default 'queued', add "processing_percent" int not null default 0, add "failure_reason" varchar(500) null, add "integrated_lufs" double precision null, add "true_peak_db" double precision null, add "waveform" jsonb null, add "hls_renditions" jsonb not null default '[]', add "tags" jsonb not null default '[]', add "bpm" int null, add "musical_key" varchar(16) null, add "lyrics" text null, add "cover_key" varchar(300) null, add "cover_mime_type" varchar(32) null;`);
    this.addSql(`create index "tracks_status_idx" on "tracks" ("status");`);
    this.addSql(`alter table "tracks" add constraint "tracks_status_check" check ("status" in ('queued', 'processing', 'ready', 'failed'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "tracks_status_idx";`);
    this.addSql(`alter table "tracks" drop constraint "tracks_status_check";`);
    this.addSql(`alter table "tracks" drop column "status", drop column "processing_percent", drop column "failure_reason", drop column "integrated_lufs", drop column "true_peak_db", drop column "waveform", drop column "hls_renditions", drop column "tags", drop column "bpm", drop column "musical_key", drop column "lyrics", drop column "cover_key", drop column "cover_mime_type";`);
  }

}
