import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useToasts } from '../../components/Toasts';
import { useFormat } from '../../hooks/useFormat';
import { downloadText } from '../../files';

/** Rows one export holds at most (the engine accepts up to 50,000). */
const EXPORT_ROWS = 10_000;

interface Props {
  /** The search on screen, with the range the engine resolved for it. */
  search: { query: string; from: string; to: string; sort: 'desc' | 'asc' } | null;
}

/** CSV / JSON export of the results; the engine records every export (who, when, which query). */
export function ExportButtons({ search }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const toasts = useToasts();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const run = async (format: 'csv' | 'json') => {
    if (!search) return;
    setBusy(true);
    setError(null);
    try {
      const result = await api.call('search.export', { ...search, format, maxRows: EXPORT_ROWS });
      downloadText(result.filename, result.mime, result.content);
      toasts.push({
        kind: 'info',
        text: t(result.truncated ? 'search.export.doneTruncated' : 'search.export.done', {
          count: result.rows,
          formatted: fmt.number(result.rows),
          filename: result.filename,
        }),
      });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="export-buttons" data-testid="search-export">
      <div className="button-row">
        <button type="button" data-testid="export-csv" disabled={!search || busy} onClick={() => void run('csv')}>
          {t('search.export.csv')}
        </button>
        <button type="button" data-testid="export-json" disabled={!search || busy} onClick={() => void run('json')}>
          {t('search.export.json')}
        </button>
      </div>
      <p className="help">{t('search.export.note', { max: fmt.number(EXPORT_ROWS) })}</p>
      <ErrorMessage error={error} testId="export-error" />
    </div>
  );
}
