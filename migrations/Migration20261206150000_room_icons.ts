import { Migration } from '@mikro-orm/migrations';

/** Room icons (issue 10): the storage key of a room's icon (a 256×256 WebP), null when it has none. */
export class Migration20261206150000_room_icons extends Migration {

  override name = 'Migration20261206150000_room_icons';

  override up(): void | Promise<void> {
    this.addSql(`alter table "rooms" add "icon_key" varchar(200) null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "rooms" drop column "icon_key";`);
  }

}
