import { ErrorState } from '@veza/ui';
import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Last resort when a screen throws while rendering (or its code fails to load): say so and offer a reload. */
export function RouteError() {
  const { t } = useTranslation();
  return (
    <main className="vw-page vw-page--narrow">
      <ErrorState title={t('common.genericError')} onRetry={() => window.location.reload()} retryLabel={t('common.retry')} />
    </main>
  );
}

interface RouteErrorBoundaryProps {
  children: ReactNode;
  /** The current path: moving elsewhere gives the screens another try. */
  resetKey: string;
}

interface RouteErrorBoundaryState {
  failed: boolean;
  key: string;
}

/** Shows <RouteError /> instead of the routes when rendering them throws, until the path changes. */
export class RouteErrorBoundary extends Component<RouteErrorBoundaryProps, RouteErrorBoundaryState> {
  override state: RouteErrorBoundaryState = { failed: false, key: this.props.resetKey };

  static getDerivedStateFromError(): Partial<RouteErrorBoundaryState> {
    return { failed: true };
  }

  static getDerivedStateFromProps(props: RouteErrorBoundaryProps, state: RouteErrorBoundaryState): Partial<RouteErrorBoundaryState> | null {
    return props.resetKey === state.key ? null : { failed: false, key: props.resetKey };
  }

  override render() {
    return this.state.failed ? <RouteError /> : this.props.children;
  }
}
