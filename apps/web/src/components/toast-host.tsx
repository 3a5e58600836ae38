import { ToastViewport, type LinkLikeProps } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useToasts } from '../stores/toasts.ts';

/** A toast's link, inside the app (no page load). */
function ToastLink({ href: _href, to, ...rest }: LinkLikeProps) {
  return <Link to={to} {...rest} />;
}

export function ToastHost() {
  const { t } = useTranslation();
  const toasts = useToasts((s) => s.toasts);
  const dismiss = useToasts((s) => s.dismiss);
  return <ToastViewport toasts={toasts} onDismiss={dismiss} dismissLabel={t('common.dismiss')} label={t('common.notifications')} LinkComponent={ToastLink} />;
}
