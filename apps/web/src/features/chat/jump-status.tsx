import { Button } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.ts';
import type { JumpState } from './use-room.ts';

/**
 * Where a jump to a message stands, above the conversation: on its way, not found (a seq the room never reached:
 * the conversation stays where it was), or failed with a retry. Nothing once the message is in view.
 */
export function JumpStatus({ jump, returning, onRetry, onDismiss }: { jump: JumpState | null; returning?: boolean; onRetry: () => void; onDismiss: () => void }) {
  const { t } = useTranslation();
  if (returning) return <p className="vw-chat-jump-status" role="status">{t('chat.jump.returning')}</p>;
  if (!jump || jump.status === 'ready') return null;
  if (jump.status === 'loading') return <p className="vw-chat-jump-status" role="status">{t('chat.jump.loading')}</p>;
  return (
    <div className="vw-chat-jump-status vw-chat-jump-status--error" role="alert">
      <span>{jump.status === 'notFound' ? t('chat.jump.notFound') : errorMessage(jump.error)}</span>
      {jump.status === 'error' && (
        <Button type="button" size="sm" variant="secondary" onClick={onRetry}>{t('chat.room.retry')}</Button>
      )}
      <Button type="button" size="sm" variant="ghost" onClick={onDismiss}>{t('chat.jump.dismiss')}</Button>
    </div>
  );
}
