import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { DataTable, type Column } from '../../components/DataTable';
import { SeverityBadge } from '../../components/SeverityBadge';
import { useFormat } from '../../hooks/useFormat';
import { ActionError } from '../incidents/ActionError';
import { useAction } from '../incidents/hooks';
import { ProblemList } from './ProblemList';
import { levelSeverity, type RuleTestResult } from './types';

type Hit = RuleTestResult['hits'][number];

/** "Tester sur les N derniers jours": runs the edited text over stored events, writes nothing. */
export function RuleTest({ text }: { text: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const id = useId();
  const action = useAction();
  const [days, setDays] = useState(7);
  const [result, setResult] = useState<RuleTestResult | null>(null);

  async function run() {
    setResult(null);
    const r = await action.run(() => api.call('detection.rules.testRecent', { text, days }));
    if (r) setResult(r);
  }

  const columns: Column<Hit>[] = [
    { key: 'at', header: t('rules.test.columns.at'), render: (h) => fmt.dateTime(h.at) },
    { key: 'title', header: t('rules.test.columns.title'), render: (h) => h.title },
    { key: 'level', header: t('rules.test.columns.level'), render: (h) => (h.level ? <SeverityBadge severity={levelSeverity(h.level)} /> : '—') },
    { key: 'group', header: t('rules.test.columns.group'), render: (h) => h.groupKey },
    { key: 'events', header: t('rules.test.columns.events'), render: (h) => fmt.number(h.eventIds.length), className: 'num' },
  ];

  return (
    <div className="rules-section" data-testid="rule-test">
      <h3>{t('rules.test.title')}</h3>
      <div className="rules-form">
        <label htmlFor={id}>
          {t('rules.test.days')}
          <input
            id={id}
            type="number"
            min={1}
            max={30}
            value={days}
            onChange={(e) => setDays(Math.min(30, Math.max(1, Number(e.target.value) || 1)))}
            data-testid="rule-test-days"
          />
        </label>
        <button type="button" disabled={action.busy || !text.trim()} onClick={() => void run()} data-testid="rule-test-run">
          {t('rules.test.run', { days })}
        </button>
      </div>
      {action.busy && <p aria-busy="true">{t('common.loading')}</p>}
      <ActionError error={action.error} />
      {result && (
        <>
          <p data-testid="rule-test-summary">
            {t('rules.test.summary', { scanned: fmt.number(result.scanned), hits: fmt.number(result.total) })}
            {result.truncated && ` ${t('rules.test.truncated')}`}
          </p>
          <ProblemList problems={result.problems} testId="rule-test-problems" />
          {result.hits.length > 0 && (
            <DataTable label={t('rules.test.title')} columns={columns} rows={result.hits} rowKey={(h) => `${h.ruleId}-${h.at}-${h.groupKey}-${h.eventIds[0] ?? ''}`} testId="rule-test-hits" />
          )}
        </>
      )}
    </div>
  );
}
