import { Button } from '@veza/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.ts';
import { pushErrorMessage, usePush } from './use-push.ts';

const DISMISSED_KEY = 'veza.pushPrompt.dismissed';

const storage = () => {
  try {
    return localStorage;
  } catch {
    return null;
  }
};

/**
 * The offer to get notifications on this device, in the notification panel once there is something in it: never on
 * a page load, and the browser's permission prompt only follows a click on "Turn on". "Not now" hides it on this
 * browser (the setting stays in /settings/notifications).
 */
export function PushPrompt() {
  const { t } = useTranslation();
  const push = usePush();
  const [dismissed, setDismissed] = useState(() => storage()?.getItem(DISMISSED_KEY) === '1');
  const [refused, setRefused] = useState(false);
  if (dismissed) return null;
  if (refused) {
    return <p className="vw-push-prompt" role="status">{t('notifications.push.deniedHelp')}</p>;
  }
  if (push.state !== 'off') return null;
  const dismiss = () => {
    storage()?.setItem(DISMISSED_KEY, '1');
    setDismissed(true);
  };
  return (
    <section className="vw-push-prompt" aria-label={t('notifications.push.promptLabel')}>
      <p>{t('notifications.push.prompt')}</p>
      {push.error != null && <p role="alert" className="vw-inline-error">{pushErrorMessage(t, push.error, errorMessage)}</p>}
      <div className="vw-push-prompt__actions">
        <Button
          size="sm"
          loading={push.busy}
          onClick={() =>
            void push.enable().then((result) => {
              if (result === 'on') dismiss();
              else if (result === 'denied') setRefused(true);
            })
          }
        >
          {t('notifications.push.turnOn')}
        </Button>
        <Button size="sm" variant="ghost" onClick={dismiss}>
          {t('notifications.push.notNow')}
        </Button>
      </div>
    </section>
  );
}
