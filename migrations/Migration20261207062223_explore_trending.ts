import { Migration } from '@mikro-orm/migrations';

export class Migration20261207062223_explore_trending extends Migration {

  override name = 'Migration20261207062223_explore_trending';

  override up(): void | Promise<void> {
    this.addSql(`create table "trending_scores" ("window" varchar(16) not null, "track_id" uuid not null, "rank" int not null, "score" double precision not null, "computed_at" timestamptz not null, primary key ("window", "track_id"));`);
    this.addSql(`create index "trending_scores_window_rank_idx" on "trending_scores" ("window", "rank");`);

    this.addSql(`alter table "tracks" add "genre" varchar(32) null;`);

    this.addSql(`create index "track_likes_recent_idx" on "track_likes" ("created_at");`);

    this.addSql(`create index "track_comments_recent_idx" on "track_comments" ("created_at");`);

    this.addSql(`alter table "trending_scores" add constraint "trending_scores_track_id_foreign" foreign key ("track_id") references "tracks" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "trending_scores" cascade;`);

    this.addSql(`drop index "track_comments_recent_idx";`);

    this.addSql(`drop index "track_likes_recent_idx";`);

    this.addSql(`alter table "tracks" drop column "genre";`);
  }

}
