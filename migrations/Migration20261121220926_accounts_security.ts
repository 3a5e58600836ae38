import { Migration } from '@mikro-orm/migrations';

export class Migration20261121220926_accounts_security extends Migration {

  override name = 'Migration20261121220926_accounts_security';

  override up(): void | Promise<void> {
    this.addSql(`create table "audit_events" ("id" bigserial primary key, "type" text not null, "actor_id" uuid null, "subject_id" uuid null, "ip" varchar(64) null, "user_agent" varchar(512) null, "details" jsonb null, "created_at" timestamptz not null);`);
    this.addSql(`create index "audit_events_type_index" on "audit_events" ("type");`);
    this.addSql(`create index "audit_events_actor_id_index" on "audit_events" ("actor_id");`);
    this.addSql(`create index "audit_events_subject_id_index" on "audit_events" ("subject_id");`);
    this.addSql(`create index "audit_events_created_at_index" on "audit_events" ("created_at");`);

    this.addSql(`create table "dev_mails" ("id" bigserial primary key, "to" varchar(254) not null, "subject" varchar(255) not null, "text" text not null, "html" text null, "created_at" timestamptz not null);`);
    this.addSql(`create index "dev_mails_to_index" on "dev_mails" ("to");`);

    this.addSql(`create table "refresh_tokens" ("hash" varchar(64) not null, "session_id" uuid not null, "created_at" timestamptz not null, primary key ("hash"));`);
    this.addSql(`create index "refresh_tokens_session_id_index" on "refresh_tokens" ("session_id");`);

    this.addSql(`create table "recovery_codes" ("id" uuid not null, "user_id" uuid not null, "code_hash" varchar(64) not null, "created_at" timestamptz not null, "used_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "recovery_codes_user_id_index" on "recovery_codes" ("user_id");`);
    this.addSql(`alter table "recovery_codes" add constraint "recovery_codes_code_hash_unique" unique ("code_hash");`);

    this.addSql(`create table "passkeys" ("id" varchar(512) not null, "user_id" uuid not null, "public_key" text not null, "counter" bigint not null default '0', "transports" jsonb null, "device_type" varchar(32) not null, "backed_up" boolean not null default false, "name" varchar(80) not null, "created_at" timestamptz not null, "last_used_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "passkeys_user_id_index" on "passkeys" ("user_id");`);

    this.addSql(`create table "oauth_accounts" ("id" uuid not null, "user_id" uuid not null, "provider" text not null, "provider_user_id" varchar(255) not null, "email" varchar(254) null, "email_verified" boolean not null default false, "display_name" varchar(255) null, "created_at" timestamptz not null, "last_used_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "oauth_accounts_user_id_index" on "oauth_accounts" ("user_id");`);
    this.addSql(`alter table "oauth_accounts" add constraint "oauth_accounts_provider_user_unique" unique ("provider", "provider_user_id");`);

    this.addSql(`create table "email_tokens" ("id" uuid not null, "user_id" uuid not null, "purpose" text not null, "token_hash" varchar(64) not null, "email" varchar(254) not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "used_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "email_tokens_user_id_index" on "email_tokens" ("user_id");`);
    this.addSql(`alter table "email_tokens" add constraint "email_tokens_token_hash_unique" unique ("token_hash");`);

    this.addSql(`create table "auth_challenges" ("id" uuid not null, "purpose" text not null, "user_id" uuid null, "secret" varchar(256) not null, "attempts" int not null default 0, "created_at" timestamptz not null, "expires_at" timestamptz not null, "used_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "auth_challenges_user_id_index" on "auth_challenges" ("user_id");`);

    this.addSql(`alter table "users" add "username_skeleton" varchar(90) null, add "email_verified_at" timestamptz null, add "totp_secret_enc" varchar(200) null, add "totp_enabled_at" timestamptz null, add "totp_last_step" bigint null, add "locked_at" timestamptz null, add "deletion_requested_at" timestamptz null;`);
    // Existing handles are unique already; their own text is a safe first skeleton.
    this.addSql(`update "users" set "username_skeleton" = "username";`);
    this.addSql(`alter table "users" alter column "username_skeleton" set not null;`);
    this.addSql(`alter table "users" alter column "password_hash" drop not null;`);
    this.addSql(`alter table "users" add constraint "users_username_skeleton_unique" unique ("username_skeleton");`);

    this.addSql(`alter table "sessions" add "revoked_reason" varchar(32) null, add "method" varchar(32) not null default 'password', add "elevated_until" timestamptz null;`);

    this.addSql(`alter table "audit_events" add constraint "audit_events_type_check" check ("type" in ('login.succeeded', 'login.failed', 'login.throttled', 'logout', 'session.revoked', 'session.reuse_detected', 'password.changed', 'password.reset_requested', 'password.reset', 'email.verified', 'email.change_requested', 'email.changed', 'account.created', 'account.deletion_requested', 'account.deletion_cancelled', 'account.deleted', 'account.exported', 'mfa.totp_enabled', 'mfa.totp_disabled', 'mfa.recovery_codes_regenerated', 'mfa.recovery_code_used', 'mfa.failed', 'step_up.succeeded', 'step_up.failed', 'passkey.added', 'passkey.removed', 'oauth.linked', 'oauth.unlinked', 'role.changed', 'account.locked', 'account.unlocked'));`);

    this.addSql(`alter table "refresh_tokens" add constraint "refresh_tokens_session_id_foreign" foreign key ("session_id") references "sessions" ("id") on delete cascade;`);

    this.addSql(`alter table "recovery_codes" add constraint "recovery_codes_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);

    this.addSql(`alter table "passkeys" add constraint "passkeys_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);

    this.addSql(`alter table "oauth_accounts" add constraint "oauth_accounts_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);
    this.addSql(`alter table "oauth_accounts" add constraint "oauth_accounts_provider_check" check ("provider" in ('discord', 'spotify', 'google', 'github'));`);

    this.addSql(`alter table "email_tokens" add constraint "email_tokens_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);
    this.addSql(`alter table "email_tokens" add constraint "email_tokens_purpose_check" check ("purpose" in ('verify_email', 'reset_password', 'change_email'));`);

    this.addSql(`alter table "auth_challenges" add constraint "auth_challenges_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);
    this.addSql(`alter table "auth_challenges" add constraint "auth_challenges_purpose_check" check ("purpose" in ('mfa_login', 'passkey_register', 'passkey_login', 'passkey_step_up', 'totp_enrol'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "audit_events" cascade;`);
    this.addSql(`drop table if exists "dev_mails" cascade;`);
    this.addSql(`drop table if exists "refresh_tokens" cascade;`);
    this.addSql(`drop table if exists "recovery_codes" cascade;`);
    this.addSql(`drop table if exists "passkeys" cascade;`);
    this.addSql(`drop table if exists "oauth_accounts" cascade;`);
    this.addSql(`drop table if exists "email_tokens" cascade;`);
    this.addSql(`drop table if exists "auth_challenges" cascade;`);

    this.addSql(`alter table "sessions" drop column "revoked_reason", drop column "method", drop column "elevated_until";`);

    this.addSql(`alter table "users" drop constraint "users_username_skeleton_unique";`);
    this.addSql(`alter table "users" drop column "username_skeleton", drop column "email_verified_at", drop column "totp_secret_enc", drop column "totp_enabled_at", drop column "totp_last_step", drop column "locked_at", drop column "deletion_requested_at";`);
    this.addSql(`alter table "users" alter column "password_hash" set not null;`);
  }

}
