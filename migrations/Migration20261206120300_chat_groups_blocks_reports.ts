import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 10: group conversations (rooms of kind `group`), blocking (user_blocks) and message reports (chat_reports),
 * with the audit event types of admins reading a reported conversation and resolving a report.
 */
export class Migration20261206120300_chat_groups_blocks_reports extends Migration {

  override name = 'Migration20261206120300_chat_groups_blocks_reports';

  override up(): void | Promise<void> {
    this.addSql(`alter table "rooms" drop constraint if exists "rooms_kind_check";`);
    this.addSql(`alter table "rooms" add constraint "rooms_kind_check" check ("kind" in ('room', 'dm', 'group'));`);

    this.addSql(`create table "user_blocks" ("blocker_id" uuid not null, "blocked_id" uuid not null, "created_at" timestamptz not null, primary key ("blocker_id", "blocked_id"));`);
    this.addSql(`create index "user_blocks_blocked_id_index" on "user_blocks" ("blocked_id");`);
    this.addSql(`alter table "user_blocks" add constraint "user_blocks_blocker_id_foreign" foreign key ("blocker_id") references "users" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "user_blocks" add constraint "user_blocks_blocked_id_foreign" foreign key ("blocked_id") references "users" ("id") on update cascade on delete cascade;`);

    this.addSql(`create table "chat_reports" ("id" bigserial primary key, "message_id" bigint not null, "room_id" uuid not null, "reporter_id" uuid null, "reason" text not null, "note" varchar(1000) null, "status" text not null default 'open', "resolved_by_id" uuid null, "resolved_at" timestamptz null, "created_at" timestamptz not null);`);
    this.addSql(`create index "chat_reports_room_id_index" on "chat_reports" ("room_id");`);
    this.addSql(`create index "chat_reports_status_index" on "chat_reports" ("status");`);
    this.addSql(`alter table "chat_reports" add constraint "chat_reports_message_id_reporter_id_unique" unique ("message_id", "reporter_id");`);
    this.addSql(`alter table "chat_reports" add constraint "chat_reports_message_id_foreign" foreign key ("message_id") references "messages" ("id") on delete cascade;`);
    this.addSql(`alter table "chat_reports" add constraint "chat_reports_room_id_foreign" foreign key ("room_id") references "rooms" ("id") on delete cascade;`);
    this.addSql(`alter table "chat_reports" add constraint "chat_reports_reporter_id_foreign" foreign key ("reporter_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "chat_reports" add constraint "chat_reports_resolved_by_id_foreign" foreign key ("resolved_by_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "chat_reports" add constraint "chat_reports_reason_check" check ("reason" in ('spam', 'harassment', 'hate', 'other'));`);
    this.addSql(`alter table "chat_reports" add constraint "chat_reports_status_check" check ("status" in ('open', 'dismissed', 'actioned'));`);

    this.addSql(`alter table "audit_events" drop constraint if exists "audit_events_type_check";`);
    this.addSql(`alter table "audit_events" add constraint "audit_events_type_check" check ("type" in ('login.succeeded', 'login.failed', 'login.throttled', 'logout', 'session.revoked', 'session.reuse_detected', 'password.changed', 'password.reset_requested', 'password.reset', 'email.verified', 'email.change_requested', 'email.changed', 'account.created', 'account.deletion_requested', 'account.deletion_cancelled', 'account.deleted', 'account.exported', 'mfa.totp_enabled', 'mfa.totp_disabled', 'mfa.recovery_codes_regenerated', 'mfa.recovery_code_used', 'mfa.failed', 'step_up.succeeded', 'step_up.failed', 'passkey.added', 'passkey.removed', 'oauth.linked', 'oauth.unlinked', 'role.changed', 'account.locked', 'account.unlocked', 'chat.conversation_read', 'chat.report_resolved'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`delete from "audit_events" where "type" in ('chat.conversation_read', 'chat.report_resolved');`);
    this.addSql(`alter table "audit_events" drop constraint if exists "audit_events_type_check";`);
    this.addSql(`alter table "audit_events" add constraint "audit_events_type_check" check ("type" in ('login.succeeded', 'login.failed', 'login.throttled', 'logout', 'session.revoked', 'session.reuse_detected', 'password.changed', 'password.reset_requested', 'password.reset', 'email.verified', 'email.change_requested', 'email.changed', 'account.created', 'account.deletion_requested', 'account.deletion_cancelled', 'account.deleted', 'account.exported', 'mfa.totp_enabled', 'mfa.totp_disabled', 'mfa.recovery_codes_regenerated', 'mfa.recovery_code_used', 'mfa.failed', 'step_up.succeeded', 'step_up.failed', 'passkey.added', 'passkey.removed', 'oauth.linked', 'oauth.unlinked', 'role.changed', 'account.locked', 'account.unlocked'));`);

    this.addSql(`drop table if exists "chat_reports" cascade;`);
    this.addSql(`drop table if exists "user_blocks" cascade;`);

    this.addSql(`delete from "rooms" where "kind" = 'group';`);
    this.addSql(`alter table "rooms" drop constraint if exists "rooms_kind_check";`);
    this.addSql(`alter table "rooms" add constraint "rooms_kind_check" check ("kind" in ('room', 'dm'));`);
  }

}
