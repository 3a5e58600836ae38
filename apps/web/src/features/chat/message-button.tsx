import { Button } from '@veza/ui';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { errorInfo, errorMessage } from '../../lib/errors.ts';
import { useSession } from '../../stores/session.ts';
import { pushToast } from '../../stores/toasts.ts';
import { trpc } from '../../trpc.ts';
import { loginHref } from '../session/require-auth.tsx';
import { reasonOf } from '../step-up/use-step-up.ts';

export interface MessageButtonProps {
  /** The person to write to. */
  username: string;
  /** Their display name (or username), for the accessible name: "Message Ana Lima". */
  name: string;
  className?: string;
}

/**
 * Why chat.dms.open refused, in the current language. English shows the API's words; other languages translate the
 * refusals a profile can meet: blocked either way (`data.reason` 'blocked_by_me' when I blocked them, 'blocked' when
 * they blocked me) and an account that cannot be reached (NOT_FOUND: locked, leaving, renamed). The rest by code.
 */
function refusalMessage(error: unknown, username: string, t: TFunction, language: string | undefined): string {
  const { code, message } = errorInfo(error);
  const reason = reasonOf(error);
  const key = reason === 'blocked_by_me' ? 'blockedByMe' : reason === 'blocked' ? 'blockedByThem' : code === 'NOT_FOUND' ? 'unknown' : null;
  if (!key) return errorMessage(error);
  return language === 'en' && message ? message : t(`chat2.message.refused.${key}`, { username });
}

/**
 * "Message" on someone else's profile and next to a track's artist: opens the direct conversation with them (the
 * existing one, or a new one) and goes to it. Signed-out visitors get a link to sign in that comes back here, as the
 * like button does; nothing for myself, nor while the session is still unknown.
 */
export function MessageButton({ username, name, className }: MessageButtonProps) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const status = useSession((s) => s.status);
  const me = useSession((s) => s.user?.username);
  const utils = trpc.useUtils();
  const open = trpc.chat.dms.open.useMutation({
    onSuccess: ({ roomId }) => {
      // A new DM belongs in the sidebar's list as soon as the chat screen shows it.
      void utils.chat.rooms.list.invalidate();
      void navigate(`/chat/${roomId}`);
    },
    onError: (error) => pushToast({ id: `dm-refused-${username}`, title: refusalMessage(error, username, t, i18n.resolvedLanguage), tone: 'error' }),
  });

  const label = t('chat2.message.name', { name });
  const classes = ['vw-message-button', className].filter(Boolean).join(' ');
  if (status === 'unknown' || me === username) return null;
  if (status === 'signed-out') {
    return (
      <Link className={`vz-button vz-button--secondary vz-button--sm ${classes}`} to={loginHref(`${location.pathname}${location.search}`)} aria-label={label}>
        {t('chat2.message.label')}
      </Link>
    );
  }
  return (
    <Button type="button" variant="secondary" size="sm" className={classes} loading={open.isPending} aria-label={label} onClick={() => open.mutate({ username })}>
      {t('chat2.message.label')}
    </Button>
  );
}
