import type { Em } from '../orm.ts';
import type { PresenceStatus } from '@veza/validators';

/** A user's presence choices as stored (defaults for users who never chose). */
export interface PresenceChoice {
  status: PresenceStatus;
  shareListening: boolean;
}

export const DEFAULT_PRESENCE_CHOICE: PresenceChoice = { status: 'online', shareListening: true };

const STATUSES: readonly string[] = ['online', 'away', 'dnd', 'invisible'] satisfies PresenceStatus[];

const toChoice = (row: { status: string; share_listening: boolean } | undefined): PresenceChoice =>
  row && STATUSES.includes(row.status) ? { status: row.status as PresenceStatus, shareListening: row.share_listening } : { ...DEFAULT_PRESENCE_CHOICE };

export const presenceSettingsRepository = (em: Em) => ({
  /** The user's choices (defaults when they never chose). */
  async choiceOf(userId: string): Promise<PresenceChoice> {
    const [row] = await em.execute<{ status: string; share_listening: boolean }[]>('select status, share_listening from user_presence_settings where user_id = ?', [userId]);
    return toChoice(row);
  },

  /**
   * Records a choice (fields left undefined keep their stored value, or the default) in one statement, so two
   * changes racing each keep their own field; returns the whole choice as stored.
   */
  async choose(userId: string, choice: { status?: PresenceStatus | undefined; shareListening?: boolean | undefined }): Promise<PresenceChoice> {
    const rows = await em.execute<{ status: string; share_listening: boolean }[]>(
      `insert into user_presence_settings (user_id, status, share_listening, updated_at) values (?, ?, ?, now())
       on conflict (user_id) do update set
         status = coalesce(?, user_presence_settings.status),
         share_listening = coalesce(?, user_presence_settings.share_listening),
         updated_at = now()
       returning status, share_listening`,
      [
        userId,
        choice.status ?? DEFAULT_PRESENCE_CHOICE.status,
        choice.shareListening ?? DEFAULT_PRESENCE_CHOICE.shareListening,
        choice.status ?? null,
        choice.shareListening ?? null,
      ],
    );
    return toChoice(rows[0]);
  },
});
