import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { reportError } from '../errors';

function Fallback({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="empty-state" role="alert" data-testid="error-boundary">
      <h2>{t('boundary.title')}</h2>
      <p>{t('boundary.body')}</p>
      <button type="button" onClick={onRetry}>
        {t('boundary.retry')}
      </button>
    </section>
  );
}

interface State {
  failed: boolean;
}

/** Keeps one broken page from blanking the whole window; the error goes to the engine's log. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, State> {
  state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    reportError('react', error, { componentStack: info.componentStack?.slice(0, 2000) });
  }

  componentDidUpdate(prev: { resetKey?: string }): void {
    if (this.state.failed && prev.resetKey !== this.props.resetKey) this.setState({ failed: false });
  }

  render(): ReactNode {
    if (this.state.failed) return <Fallback onRetry={() => this.setState({ failed: false })} />;
    return this.props.children;
  }
}
