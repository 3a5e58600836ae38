import '../../../features/notifications/notifications.css';
import type { RouterOutputs } from '@veza/api';
import { Badge, Button, Card, DesktopIcon, DeviceIcon, ErrorState, LoadingState, PhoneIcon, Select, TabletIcon } from '@veza/ui';
import { NOTIFICATION_DIGEST_FREQUENCIES, NOTIFICATION_PREFERENCE_CHANNELS, NOTIFICATION_PREFERENCE_KINDS } from '@veza/validators';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { pushErrorMessage, usePush } from '../../../features/notifications/use-push.ts';
import { errorMessage, isNotFound } from '../../../lib/errors.ts';
import { pushToast } from '../../../stores/toasts.ts';
import { trpc } from '../../../trpc.ts';
import { formatDate, relativeTime } from '../settings-format.ts';

type Preferences = RouterOutputs['notifications']['preferences']['get'];
type Kind = keyof Preferences['kinds'];
type Channel = keyof Preferences['kinds'][Kind];
type Device = RouterOutputs['push']['devices']['items'][number];

// The API's lists: a kind added there shows here (and fails the locale key test until it has words).
const KINDS: readonly Kind[] = NOTIFICATION_PREFERENCE_KINDS;
const CHANNELS: readonly Channel[] = NOTIFICATION_PREFERENCE_CHANNELS;
const DIGESTS: readonly Preferences['digest'][] = NOTIFICATION_DIGEST_FREQUENCIES;
const deviceIcons = { desktop: <DesktopIcon />, mobile: <PhoneIcon />, tablet: <TabletIcon />, other: <DeviceIcon /> } as const;

/** Kind × channel switches; each one saves at once (and goes back if the server refuses). */
function PreferencesTable({ preferences }: { preferences: Preferences }) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const [saved, setSaved] = useState(false);
  const update = trpc.notifications.preferences.update.useMutation({
    onMutate: async ({ kinds, digest }) => {
      setSaved(false);
      await utils.notifications.preferences.get.cancel();
      const before = utils.notifications.preferences.get.getData();
      utils.notifications.preferences.get.setData(undefined, (old) => {
        if (!old) return old;
        const next = structuredClone(old);
        for (const kind of KINDS) Object.assign(next.kinds[kind], kinds?.[kind] ?? {});
        if (digest) next.digest = digest;
        return next;
      });
      return { before };
    },
    onError: (_error, _input, context) => utils.notifications.preferences.get.setData(undefined, context?.before),
    onSuccess: (data) => {
      utils.notifications.preferences.get.setData(undefined, data);
      setSaved(true);
    },
  });

  return (
    <Card title={t('notifications.settings.kindsTitle')} description={t('notifications.settings.kindsDescription')}>
      <div className="vw-table-wrap">
        <table className="vw-table vw-notification-prefs">
          <thead>
            <tr>
              <th scope="col">{t('notifications.settings.kind')}</th>
              {CHANNELS.map((channel) => <th key={channel} scope="col">{t(`notifications.settings.channel.${channel}`)}</th>)}
            </tr>
          </thead>
          <tbody>
            {KINDS.map((kind) => {
              const locked = preferences.locked[kind] ?? [];
              return (
                <tr key={kind}>
                  <th scope="row">{t(`notifications.settings.kinds.${kind}`)}</th>
                  {CHANNELS.map((channel) => {
                    const isLocked = locked.includes(channel);
                    const noPush = channel === 'push' && !preferences.pushAvailable;
                    return (
                      <td key={channel}>
                        <input
                          type="checkbox"
                          role="switch"
                          aria-label={t('notifications.settings.toggle', { kind: t(`notifications.settings.kinds.${kind}`), channel: t(`notifications.settings.channel.${channel}`) })}
                          checked={preferences.kinds[kind][channel]}
                          disabled={isLocked || noPush}
                          title={isLocked ? t('notifications.settings.locked') : undefined}
                          onChange={(event) => update.mutate({ kinds: { [kind]: { [channel]: event.target.checked } } })}
                        />
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="vw-muted">{t('notifications.settings.securityLocked')}</p>
      <Select
        className="vw-notification-prefs__digest"
        label={t('notifications.settings.digest.label')}
        hint={t('notifications.settings.digest.hint')}
        options={DIGESTS.map((value) => ({ value, label: t(`notifications.settings.digest.${value}`) }))}
        value={preferences.digest}
        onChange={(event) => update.mutate({ digest: event.target.value as Preferences['digest'] })}
      />
      <p role="status" className="vw-muted">
        {update.isPending ? t('notifications.settings.saving') : saved ? t('notifications.settings.saved') : ''}
      </p>
      {update.error && <p role="alert" className="vw-inline-error">{t('notifications.settings.saveError', { message: errorMessage(update.error) })}</p>}
    </Card>
  );
}

type TFn = ReturnType<typeof useTranslation>['t'];
const deviceName = (t: TFn, device: Device) => [device.browser, device.os].filter(Boolean).join(' · ') || t('notifications.push.unknownDevice');

/** One browser getting push; another one than this can be removed (this one is turned off with the control above). */
function DeviceRow({ device, onRemove }: { device: Device; onRemove: () => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const name = deviceName(t, device);
  return (
    <li className={`vw-item-card${device.current ? ' vw-item-card--current' : ''}`} aria-label={name}>
      <span className="vw-item-card__icon" aria-hidden="true">{deviceIcons[device.device]}</span>
      <div>
        <h3 className="vw-item-card__title">
          {name} {device.current && <Badge tone="accent">{t('notifications.push.thisBrowser')}</Badge>}
        </h3>
        <ul className="vw-item-card__meta">
          <li>{t('notifications.push.since', { date: formatDate(device.createdAt, language) })}</li>
          <li>{device.lastPushedAt ? t('notifications.push.lastPushed', { when: relativeTime(device.lastPushedAt, language) }) : t('notifications.push.neverPushed')}</li>
        </ul>
      </div>
      {!device.current && (
        <div className="vw-item-card__actions">
          <Button type="button" size="sm" variant="secondary" onClick={onRemove} aria-label={t('notifications.push.removeNamed', { name })}>
            {t('notifications.push.remove')}
          </Button>
        </div>
      )}
    </li>
  );
}

/** Push on this browser (on, off, or why not), and the browsers that get push. */
function PushSection() {
  const { t } = useTranslation();
  const push = usePush();
  const [denied, setDenied] = useState(false);
  const devices = trpc.push.devices.useQuery(undefined, { enabled: push.state !== 'unavailable' && push.state !== 'checking' });
  const utils = trpc.useUtils();
  const remove = trpc.push.remove.useMutation();
  const [removing, setRemoving] = useState<{ device: Device; name: string } | null>(null);

  const confirmRemove = async () => {
    if (!removing) return;
    const { device, name } = removing;
    try {
      await remove.mutateAsync({ id: device.id });
    } catch (error) {
      // Already gone (removed from another tab, or its session ended): what was asked is done. Otherwise: said in the dialog.
      if (!isNotFound(error)) return;
    }
    utils.push.devices.setData(undefined, (old) => old && { items: old.items.filter((d) => d.id !== device.id) });
    void utils.push.devices.invalidate();
    setRemoving(null);
    pushToast({ title: t('notifications.push.removed', { name }), tone: 'success' });
  };

  let control;
  if (push.state === 'checking') control = <LoadingState label={t('notifications.push.checking')} />;
  else if (push.state === 'unavailable') control = <p>{t('notifications.push.unavailable')}</p>;
  else if (push.state === 'unsupported') control = <p>{t('notifications.push.unsupported')}</p>;
  else if (push.state === 'denied' || denied) control = <p role={denied ? 'alert' : undefined}>{t('notifications.push.deniedHelp')}</p>;
  else {
    control = (
      <div className="vw-row vw-row--between">
        <p>{push.state === 'on' ? t('notifications.push.isOn') : t('notifications.push.isOff')}</p>
        {push.state === 'on' ? (
          <Button variant="secondary" loading={push.busy} onClick={() => void push.disable()}>{t('notifications.push.turnOff')}</Button>
        ) : (
          <Button loading={push.busy} onClick={() => void push.enable().then((r) => setDenied(r === 'denied'))}>{t('notifications.push.turnOn')}</Button>
        )}
      </div>
    );
  }

  return (
    <Card title={t('notifications.push.title')} description={t('notifications.push.description')}>
      {control}
      {push.error != null && <p role="alert" className="vw-inline-error">{pushErrorMessage(t, push.error, errorMessage)}</p>}
      {devices.isError && <p role="alert" className="vw-inline-error">{errorMessage(devices.error)}</p>}
      {devices.data && devices.data.items.length > 0 && (
        <>
          <h3 className="vw-notification-prefs__devices">{t('notifications.push.devicesTitle')}</h3>
          <ul className="vw-list" aria-label={t('notifications.push.devicesTitle')}>
            {devices.data.items.map((device) => (
              <DeviceRow
                key={device.id}
                device={device}
                onRemove={() => {
                  remove.reset();
                  setRemoving({ device, name: deviceName(t, device) });
                }}
              />
            ))}
          </ul>
          <p className="vw-muted">{t('notifications.push.devicesHelp')}</p>
        </>
      )}
      <ConfirmDialog
        open={removing !== null}
        title={t('notifications.push.removeTitle', { name: removing?.name ?? '' })}
        body={t('notifications.push.removeBody', { name: removing?.name ?? '' })}
        confirmLabel={t('notifications.push.remove')}
        cancelLabel={t('common.cancel')}
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onConfirm={() => void confirmRemove()}
        onCancel={() => setRemoving(null)}
      />
    </Card>
  );
}

/** `/settings/notifications`: what reaches me where (in the app, push, email), and web push on my browsers. */
export function NotificationSettingsPage() {
  const { t } = useTranslation();
  const preferences = trpc.notifications.preferences.get.useQuery(undefined, { staleTime: 0 });

  let body;
  if (preferences.isPending) body = <LoadingState label={t('notifications.settings.loading')} />;
  else if (preferences.isError) body = <ErrorState title={t('notifications.settings.errorTitle')} message={errorMessage(preferences.error)} onRetry={() => void preferences.refetch()} retryLabel={t('common.retry')} />;
  else body = <PreferencesTable preferences={preferences.data} />;

  return (
    <>
      <header className="vw-page-header">
        <PageHeading title={t('notifications.settings.title')} />
        <p className="vw-page-subtitle">{t('notifications.settings.subtitle')}</p>
      </header>
      {body}
      <PushSection />
    </>
  );
}
