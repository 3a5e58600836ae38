import type { RouterOutputs } from '@veza/api';
import { Badge, Button, DesktopIcon, DeviceIcon, PhoneIcon, TabletIcon } from '@veza/ui';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDate, relativeTime } from '../settings-format.ts';

export type SessionDto = RouterOutputs['auth']['sessions']['list'][number];

const deviceIcons = { desktop: <DesktopIcon />, mobile: <PhoneIcon />, tablet: <TabletIcon />, other: <DeviceIcon /> } as const;

/** "Firefox 142 on Linux", or whichever part is known. */
export function sessionName(t: TFunction, session: Pick<SessionDto, 'browser' | 'os'>): string {
  if (session.browser && session.os) return t('sessions.browserOn', { browser: session.browser, os: session.os });
  return session.browser ?? session.os ?? t('sessions.unknownDevice');
}

const PROVIDER_NAMES: Record<string, string> = { github: 'GitHub', google: 'Google', discord: 'Discord', spotify: 'Spotify' };

/** 'password', 'passkey' or 'oauth:<provider>' in words, with the second factor that completed it: "password + authenticator app". */
export function methodLabel(t: TFunction, method: string, secondFactor: SessionDto['secondFactor'] = null): string {
  const [kind, provider] = method.split(':');
  const first = kind === 'oauth' && provider ? (PROVIDER_NAMES[provider] ?? provider) : t(`sessions.methods.${kind}`, { defaultValue: method });
  return secondFactor ? t('sessions.withSecondFactor', { method: first, factor: t(`sessions.secondFactors.${secondFactor}`) }) : first;
}

interface SessionCardProps {
  session: SessionDto;
  onRevoke?: () => void;
  /** Frozen clock for stories and tests. */
  now?: number;
}

/** One signed-in device: browser and system, where and how it signed in, when it was last active. */
export function SessionCard({ session, onRevoke, now }: SessionCardProps) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'en';
  const name = sessionName(t, session);
  const method = methodLabel(t, session.method, session.secondFactor);

  return (
    <li className={`vw-item-card${session.current ? ' vw-item-card--current' : ''}`} aria-label={name}>
      <span className="vw-item-card__icon" title={t(`sessions.devices.${session.device}`)}>
        {deviceIcons[session.device]}
        <span className="vz-sr-only">{t(`sessions.devices.${session.device}`)}</span>
      </span>
      <div>
        <h3 className="vw-item-card__title">
          {name}
          {session.current && <Badge tone="accent">{t('sessions.thisDevice')}</Badge>}
        </h3>
        <ul className="vw-item-card__meta">
          <li>{t('sessions.ip', { ip: session.ip ?? t('sessions.unknownIp') })}</li>
          <li>{t('sessions.method', { method })}</li>
          <li>{t('sessions.created', { date: formatDate(session.createdAt, lng, true) })}</li>
          <li>
            <time dateTime={session.lastSeenAt} title={formatDate(session.lastSeenAt, lng, true)}>
              {session.current ? t('sessions.activeNow') : t('sessions.lastSeen', { when: relativeTime(session.lastSeenAt, lng, now) })}
            </time>
          </li>
        </ul>
      </div>
      {!session.current && onRevoke && (
        <div className="vw-item-card__actions">
          <Button type="button" size="sm" variant="secondary" onClick={onRevoke} aria-label={t('sessions.revokeNamed', { name })}>
            {t('sessions.revoke')}
          </Button>
        </div>
      )}
    </li>
  );
}
