import { Migration } from '@mikro-orm/migrations';

export class Migration20261207195752_market_catalogue_ledger extends Migration {

  override name = 'Migration20261207195752_market_catalogue_ledger';

  override up(): void | Promise<void> {
    this.addSql(`create table "ledger_transactions" ("id" uuid not null, "idempotency_key" varchar(200) not null, "kind" varchar(40) not null, "reference" varchar(200) null, "currency" varchar(3) not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "ledger_transactions" add constraint "ledger_transactions_idempotency_key_unique" unique ("idempotency_key");`);
    this.addSql(`create index "ledger_transactions_reference_index" on "ledger_transactions" ("reference");`);

    this.addSql(`create table "ledger_lines" ("id" bigserial primary key, "transaction_id" uuid not null, "account" varchar(120) not null, "amount_minor" bigint not null, "created_at" timestamptz not null);`);
    this.addSql(`create index "ledger_lines_transaction_id_index" on "ledger_lines" ("transaction_id");`);
    this.addSql(`create index "ledger_lines_account_idx" on "ledger_lines" ("account", "id");`);

    this.addSql(`create table "market_products" ("id" uuid not null, "seller_id" uuid not null, "kind" text not null, "status" text not null default 'draft', "title" varchar(120) not null, "description" text null, "track_id" uuid null, "genre" varchar(40) null, "bpm" int null, "musical_key" varchar(12) null, "tags" jsonb not null default '[]', "cover_key" varchar(300) null, "cover_mime_type" varchar(32) null, "version" int not null default 1, "published_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "market_products_track_id_index" on "market_products" ("track_id");`);
    this.addSql(`create index "market_products_seller_recent_idx" on "market_products" ("seller_id", "created_at");`);
    this.addSql(`create index "market_products_on_sale_idx" on "market_products" ("status", "published_at");`);

    this.addSql(`create table "market_product_files" ("id" uuid not null, "product_id" uuid not null, "role" text not null, "storage_key" varchar(300) not null, "filename" varchar(255) not null, "mime_type" varchar(100) not null, "size_bytes" bigint not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "market_product_files" add constraint "market_product_files_product_role_unique" unique ("product_id", "role");`);

    this.addSql(`create table "market_product_collaborators" ("product_id" uuid not null, "user_id" uuid not null, "share_basis_points" int not null, "status" text not null default 'pending', "created_at" timestamptz not null, "responded_at" timestamptz null, primary key ("product_id", "user_id"));`);
    this.addSql(`create index "market_product_collaborators_user_id_index" on "market_product_collaborators" ("user_id");`);

    this.addSql(`create table "market_licence_tiers" ("id" uuid not null, "product_id" uuid not null, "name" varchar(40) not null, "price_minor" int not null, "files" jsonb not null default '[]', "exclusive" boolean not null default false, "terms" jsonb not null, "position" int not null default 0, "active" boolean not null default true, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "market_licence_tiers_product_position_idx" on "market_licence_tiers" ("product_id", "position");`);

    this.addSql(`alter table "ledger_lines" add constraint "ledger_lines_transaction_id_foreign" foreign key ("transaction_id") references "ledger_transactions" ("id") on delete restrict;`);

    this.addSql(`alter table "market_products" add constraint "market_products_seller_id_foreign" foreign key ("seller_id") references "users" ("id") on delete restrict;`);
    this.addSql(`alter table "market_products" add constraint "market_products_track_id_foreign" foreign key ("track_id") references "tracks" ("id") on delete set null;`);
    this.addSql(`alter table "market_products" add constraint "market_products_kind_check" check ("kind" in ('beat', 'sample_pack', 'drum_kit', 'preset', 'stems'));`);
    this.addSql(`alter table "market_products" add constraint "market_products_status_check" check ("status" in ('draft', 'published', 'withdrawn', 'sold_exclusive'));`);

    this.addSql(`alter table "market_product_files" add constraint "market_product_files_product_id_foreign" foreign key ("product_id") references "market_products" ("id") on delete cascade;`);
    this.addSql(`alter table "market_product_files" add constraint "market_product_files_role_check" check ("role" in ('mp3', 'wav', 'stems', 'archive'));`);

    this.addSql(`alter table "market_product_collaborators" add constraint "market_product_collaborators_product_id_foreign" foreign key ("product_id") references "market_products" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "market_product_collaborators" add constraint "market_product_collaborators_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "market_product_collaborators" add constraint "market_product_collaborators_status_check" check ("status" in ('pending', 'accepted', 'declined'));`);

    this.addSql(`alter table "market_licence_tiers" add constraint "market_licence_tiers_product_id_foreign" foreign key ("product_id") references "market_products" ("id") on delete cascade;`);

    // The ledger's two rules, kept by the database whatever the code does (ledger.entity.ts): lines are never changed
    // or removed, and each transaction's lines sum to zero, checked when the writing transaction commits (a deferred
    // constraint trigger: the lines of one ledger transaction are written one statement after its header).
    this.addSql(`create function ledger_lines_ledger_lines_no_update_delete_fn() returns trigger language plpgsql as $$
      begin
        raise exception 'ledger lines are append-only: post a correcting transaction instead' using errcode = 'restrict_violation';
      end $$;`);
    this.addSql(`create trigger ledger_lines_no_update_delete before update or delete on "ledger_lines" for each row execute function ledger_lines_ledger_lines_no_update_delete_fn();`);
    this.addSql(`create function ledger_lines_ledger_lines_balanced_fn() returns trigger language plpgsql as $$
      declare total numeric; lines int;
      begin
        select coalesce(sum(amount_minor), 0), count(*) into total, lines from ledger_lines where transaction_id = new.transaction_id;
        if total <> 0 or lines < 2 then
          raise exception 'ledger transaction % is unbalanced (sum %, % lines)', new.transaction_id, total, lines using errcode = 'check_violation';
        end if;
        return null;
      end $$;`);
    this.addSql(`create constraint trigger ledger_lines_balanced after insert on "ledger_lines" deferrable initially deferred for each row execute function ledger_lines_ledger_lines_balanced_fn();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists ledger_lines_balanced on "ledger_lines";`);
    this.addSql(`drop trigger if exists ledger_lines_no_update_delete on "ledger_lines";`);
    this.addSql(`drop function if exists ledger_lines_ledger_lines_balanced_fn();`);
    this.addSql(`drop function if exists ledger_lines_ledger_lines_no_update_delete_fn();`);
    this.addSql(`alter table "ledger_lines" drop constraint "ledger_lines_transaction_id_foreign";`);
    this.addSql(`alter table "market_product_files" drop constraint "market_product_files_product_id_foreign";`);
    this.addSql(`alter table "market_product_collaborators" drop constraint "market_product_collaborators_product_id_foreign";`);
    this.addSql(`alter table "market_licence_tiers" drop constraint "market_licence_tiers_product_id_foreign";`);

    this.addSql(`drop table if exists "ledger_transactions" cascade;`);
    this.addSql(`drop table if exists "ledger_lines" cascade;`);
    this.addSql(`drop table if exists "market_products" cascade;`);
    this.addSql(`drop table if exists "market_product_files" cascade;`);
    this.addSql(`drop table if exists "market_product_collaborators" cascade;`);
    this.addSql(`drop table if exists "market_licence_tiers" cascade;`);
  }

}
