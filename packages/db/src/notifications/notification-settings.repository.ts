import type { Em } from '../orm.ts';
import { NOTIFICATION_CHANNELS, NOTIFICATION_KINDS, type NotificationOverrides } from './notification.entity.ts';

/** A person's notification settings as stored (English and no overrides for people who never chose). */
export interface StoredNotificationSettings {
  language: 'en' | 'fr';
  overrides: NotificationOverrides;
}

/** Keeps only known kinds and channels with boolean values (the column is JSON: never trust its shape). */
function clean(value: unknown): NotificationOverrides {
  const out: NotificationOverrides = {};
  if (typeof value !== 'object' || value === null) return out;
  for (const kind of NOTIFICATION_KINDS) {
    const entry = (value as Record<string, unknown>)[kind];
    if (typeof entry !== 'object' || entry === null) continue;
    for (const channel of NOTIFICATION_CHANNELS) {
      const on = (entry as Record<string, unknown>)[channel];
      if (typeof on === 'boolean') out[kind] = { ...out[kind], [channel]: on };
    }
  }
  return out;
}

const toSettings = (row: { language: string; overrides: unknown } | undefined): StoredNotificationSettings => ({
  language: row?.language === 'fr' ? 'fr' : 'en',
  overrides: clean(typeof row?.overrides === 'string' ? JSON.parse(row.overrides) : row?.overrides),
});

/** Notification settings (issue 12). */
export const notificationSettingsRepository = (em: Em) => ({
  async of(userId: string): Promise<StoredNotificationSettings> {
    const [row] = await em.execute<{ language: string; overrides: unknown }[]>('select language, overrides from notification_settings where user_id = ?', [userId]);
    return toSettings(row);
  },

  /** Several people's settings at once (people without a row are left out: they have the defaults). */
  async ofMany(userIds: readonly string[]): Promise<Map<string, StoredNotificationSettings>> {
    if (userIds.length === 0) return new Map();
    const rows = await em.execute<{ user_id: string; language: string; overrides: unknown }[]>(
      `select user_id, language, overrides from notification_settings where user_id in (${userIds.map(() => '?').join(', ')})`,
      [...userIds],
    );
    return new Map(rows.map((r) => [r.user_id, toSettings(r)]));
  },

  /**
   * Applies a change under a row lock (two changes racing each keep their own channels): `patch` entries replace the
   * stored ones per kind and channel; `language` when given. Returns the settings as stored.
   */
  update: (userId: string, change: { language?: 'en' | 'fr' | undefined; patch: NotificationOverrides }) =>
    em.transactional(async (tx) => {
      await tx.execute("insert into notification_settings (user_id, language, overrides, updated_at) values (?, 'en', '{}'::jsonb, now()) on conflict (user_id) do nothing", [userId]);
      const [row] = await tx.execute<{ language: string; overrides: unknown }[]>('select language, overrides from notification_settings where user_id = ? for update', [userId]);
      const current = toSettings(row);
      const overrides: NotificationOverrides = { ...current.overrides };
      for (const kind of NOTIFICATION_KINDS) {
        const entry = change.patch[kind];
        if (entry) overrides[kind] = { ...overrides[kind], ...entry };
      }
      const language = change.language ?? current.language;
      await tx.execute('update notification_settings set language = ?, overrides = ?::jsonb, updated_at = now() where user_id = ?', [language, JSON.stringify(overrides), userId]);
      return { language, overrides: clean(overrides) };
    }),
});
