import type { Em } from '../orm.ts';
import { NOTIFICATION_CHANNELS, NOTIFICATION_KINDS, type NotificationOverrides } from './notification.entity.ts';
import { DEFAULT_DIGEST, DIGEST_FREQUENCIES, type DigestFrequency } from './digest.entity.ts';

/** A person's notification settings as stored (English, no overrides and a weekly digest for people who never chose). */
export interface StoredNotificationSettings {
  language: 'en' | 'fr';
  overrides: NotificationOverrides;
  digest: DigestFrequency;
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

const digestOf = (value: unknown): DigestFrequency => ((DIGEST_FREQUENCIES as readonly unknown[]).includes(value) ? (value as DigestFrequency) : DEFAULT_DIGEST);

type SettingsRow = { language: string; overrides: unknown; digest?: unknown };
const toSettings = (row: SettingsRow | undefined): StoredNotificationSettings => ({
  language: row?.language === 'fr' ? 'fr' : 'en',
  overrides: clean(typeof row?.overrides === 'string' ? JSON.parse(row.overrides) : row?.overrides),
  digest: digestOf(row?.digest),
});

/** Notification settings (issue 12). */
export const notificationSettingsRepository = (em: Em) => ({
  async of(userId: string): Promise<StoredNotificationSettings> {
    const [row] = await em.execute<SettingsRow[]>('select language, overrides, digest from notification_settings where user_id = ?', [userId]);
    return toSettings(row);
  },

  /** Several people's settings at once (people without a row are left out: they have the defaults). */
  async ofMany(userIds: readonly string[]): Promise<Map<string, StoredNotificationSettings>> {
    if (userIds.length === 0) return new Map();
    const rows = await em.execute<(SettingsRow & { user_id: string })[]>(
      `select user_id, language, overrides, digest from notification_settings where user_id in (${userIds.map(() => '?').join(', ')})`,
      [...userIds],
    );
    return new Map(rows.map((r) => [r.user_id, toSettings(r)]));
  },

  /**
   * Applies a change under a row lock (two changes racing each keep their own channels): `patch` entries replace the
   * stored ones per kind and channel; `language` and `digest` when given. Returns the settings as stored.
   */
  update: (userId: string, change: { language?: 'en' | 'fr' | undefined; digest?: DigestFrequency | undefined; patch: NotificationOverrides }) =>
    em.transactional(async (tx) => {
      await tx.execute("insert into notification_settings (user_id, language, overrides, updated_at) values (?, 'en', '{}'::jsonb, now()) on conflict (user_id) do nothing", [userId]);
      const [row] = await tx.execute<SettingsRow[]>('select language, overrides, digest from notification_settings where user_id = ? for update', [userId]);
      const current = toSettings(row);
      const overrides: NotificationOverrides = { ...current.overrides };
      for (const kind of NOTIFICATION_KINDS) {
        const entry = change.patch[kind];
        if (entry) overrides[kind] = { ...overrides[kind], ...entry };
      }
      const language = change.language ?? current.language;
      const digest = change.digest ?? current.digest;
      await tx.execute('update notification_settings set language = ?, overrides = ?::jsonb, digest = ?, updated_at = now() where user_id = ?', [language, JSON.stringify(overrides), digest, userId]);
      return { language, overrides: clean(overrides), digest };
    }),
});
