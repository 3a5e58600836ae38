import { Migration } from '@mikro-orm/migrations';

export class Migration20261206120100_chat_attachments extends Migration {

  override name = 'Migration20261206120100_chat_attachments';

  override up(): void | Promise<void> {
    this.addSql(`create table "message_attachments" ("id" uuid not null, "message_id" bigint null, "uploader_id" uuid null, "kind" text check ("kind" in ('image', 'track')) not null, "position" int not null default 0, "storage_key" varchar(300) null, "mime" varchar(32) null, "width" int null, "height" int null, "bytes" int null, "track_id" uuid null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "message_attachments_message_id_index" on "message_attachments" ("message_id");`);
    this.addSql(`create index "message_attachments_uploader_id_index" on "message_attachments" ("uploader_id");`);
    this.addSql(`create index "message_attachments_track_id_index" on "message_attachments" ("track_id");`);

    this.addSql(`alter table "message_attachments" add constraint "message_attachments_message_id_foreign" foreign key ("message_id") references "messages" ("id") on delete set null;`);
    this.addSql(`alter table "message_attachments" add constraint "message_attachments_uploader_id_foreign" foreign key ("uploader_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "message_attachments" add constraint "message_attachments_track_id_foreign" foreign key ("track_id") references "tracks" ("id") on delete set null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "message_attachments" cascade;`);
  }

}
