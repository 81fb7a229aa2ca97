import { useTranslation } from 'react-i18next';
import { useFormat } from '../../hooks/useFormat';
import { drillHref } from './drill';
import { Panel } from './Panel';
import type { AccessAnomalies as Anomalies, AccessAnomaly } from './types';

type Range = { from: string; to: string };

function reasonQuery(a: AccessAnomaly, reason: AccessAnomaly['reasons'][number]): string {
  if (reason === 'night') return a.nightQuery;
  if (reason === 'break_glass') return a.breakGlassQuery;
  return a.query;
}

/** Access traces worth a look: users whose day departs from their habits (volume, night, break-glass). */
export function AccessAnomalies({ anomalies, range }: { anomalies: Anomalies; range: Range }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const counters = [
    ['accesses', anomalies.accesses],
    ['night', anomalies.night],
    ['breakGlass', anomalies.breakGlass],
  ] as const;

  return (
    <Panel title={t('dashboard.anomalies.title')} testId="access-anomalies" wide>
      <dl className="counters anomaly-counters">
        {counters.map(([key, item]) => (
          <div key={key}>
            <dt>{t(`dashboard.anomalies.counters.${key}`)}</dt>
            <dd>
              <a href={drillHref(item, range)} data-testid={`anomaly-counter-${key}`}>
                {fmt.number(item.count)}
              </a>
            </dd>
          </div>
        ))}
      </dl>
      {anomalies.flagged.length === 0 ? (
        <p className="muted" data-testid="anomalies-empty">
          {t('dashboard.anomalies.empty')}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table compact-table" aria-label={t('dashboard.anomalies.tableLabel')}>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.anomalies.columns.day')}</th>
                <th scope="col">{t('dashboard.anomalies.columns.user')}</th>
                <th scope="col" className="num">{t('dashboard.anomalies.columns.patients')}</th>
                <th scope="col" className="num">{t('dashboard.anomalies.columns.night')}</th>
                <th scope="col" className="num">{t('dashboard.anomalies.columns.breakGlass')}</th>
                <th scope="col">{t('dashboard.anomalies.columns.reasons')}</th>
              </tr>
            </thead>
            <tbody>
              {anomalies.flagged.map((a) => (
                <tr key={`${a.day}-${a.user}`} data-testid="anomaly-row">
                  <td>{fmt.bucket(a.day, 'day')}</td>
                  <td>
                    <a href={drillHref(a, range)} data-testid="anomaly-user">
                      {a.user}
                    </a>
                  </td>
                  <td className="num" title={t('dashboard.anomalies.median', { value: fmt.number(a.medianPatients) })}>
                    {fmt.number(a.patients)}
                  </td>
                  <td className="num" title={t('dashboard.anomalies.median', { value: fmt.number(a.medianNight) })}>
                    {fmt.number(a.night)}
                  </td>
                  <td className="num">{fmt.number(a.breakGlass)}</td>
                  <td className="reasons">
                    {a.reasons.map((r) => (
                      <a key={r} href={drillHref({ query: reasonQuery(a, r) }, range)} className={`badge reason reason-${r}`} data-testid="anomaly-reason">
                        {t(`dashboard.anomalies.reasons.${r}`)}
                      </a>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {anomalies.flaggedTotal > anomalies.flagged.length && (
        <p className="help">{t('dashboard.anomalies.more', { shown: anomalies.flagged.length, total: anomalies.flaggedTotal })}</p>
      )}
      <p className="help">
        {t('dashboard.anomalies.rules', {
          minPatients: anomalies.rules.minPatients,
          factor: fmt.number(anomalies.rules.patientsFactor),
          nightStart: anomalies.rules.nightStart,
          nightEnd: anomalies.rules.nightEnd,
          days: anomalies.rules.baselineDays,
        })}
      </p>
    </Panel>
  );
}
