import { Migration } from '@mikro-orm/migrations';

/**
 * How a session was really signed in: the second factor that completed it (sessions.second_factor), and, while
 * the second step is pending, how the first one was done (auth_challenges.first_factor: password or oauth:<provider>).
 * Sessions opened before this migration keep second_factor null: what they used is not known.
 */
export class Migration20261206083112_sign_in_factors extends Migration {

  override name = 'Migration20261206083112_sign_in_factors';

  override up(): void | Promise<void> {
    this.addSql(`alter table "sessions" add "second_factor" varchar(16) null;`);
    this.addSql(`alter table "auth_challenges" add "first_factor" varchar(32) null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "sessions" drop column "second_factor";`);
    this.addSql(`alter table "auth_challenges" drop column "first_factor";`);
  }

}
