import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProgressEvent } from '@contract';
import { api } from '../../api/client';
import { useSession } from '../../app/session';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ProgressBar } from '../../components/ProgressBar';
import { useToasts } from '../../components/Toasts';
import { canLoadDemo } from '../../domain';
import { useApiEvent } from '../../hooks/useApiEvent';
import { useFormat } from '../../hooks/useFormat';

/** No event at all yet: offer the demonstration data set (or explain who can load it). */
export function DemoEmptyState({ onLoaded }: { onLoaded: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const toasts = useToasts();
  const { status } = useSession();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  const [error, setError] = useState<unknown>(null);

  useApiEvent('progress', (event) => {
    if (busy) setProgress(event);
  });

  async function load() {
    setBusy(true);
    setError(null);
    setProgress(null);
    try {
      const result = await api.call('demo.load', {});
      toasts.push({
        kind: 'info',
        text: t('dashboard.demo.loaded', {
          events: t('dashboard.demo.counts.events', { count: result.events, formatted: fmt.number(result.events) }),
          alerts: t('dashboard.demo.counts.alerts', { count: result.alerts, formatted: fmt.number(result.alerts) }),
          incidents: t('dashboard.demo.counts.incidents', { count: result.incidents, formatted: fmt.number(result.incidents) }),
        }),
      });
      onLoaded();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <EmptyState title={t('dashboard.empty.title')} testId="dashboard-empty">
      <p>{t('dashboard.empty.body')}</p>
      {canLoadDemo(status.operator?.role) ? (
        <button type="button" className="primary" data-testid="demo-load" disabled={busy} onClick={() => void load()}>
          {t(busy ? 'dashboard.demo.loading' : 'dashboard.demo.load')}
        </button>
      ) : (
        <p className="muted">{t('dashboard.demo.notAllowed')}</p>
      )}
      {busy && (
        <div className="demo-progress" data-testid="demo-progress" aria-busy="true">
          {progress ? <ProgressBar progress={progress} /> : <progress aria-label={t('dashboard.demo.loading')} />}
        </div>
      )}
      <ErrorMessage error={error} testId="demo-error" />
      <p>
        <a href="#/sources">{t('dashboard.empty.addSource')}</a>
      </p>
    </EmptyState>
  );
}
