import { ToastViewport } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { useToasts } from '../stores/toasts.ts';

export function ToastHost() {
  const { t } = useTranslation();
  const toasts = useToasts((s) => s.toasts);
  const dismiss = useToasts((s) => s.dismiss);
  return <ToastViewport toasts={toasts} onDismiss={dismiss} dismissLabel={t('common.dismiss')} label={t('common.notifications')} />;
}
