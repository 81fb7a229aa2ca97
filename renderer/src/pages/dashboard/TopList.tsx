import { useTranslation } from 'react-i18next';
import { useFormat } from '../../hooks/useFormat';
import { drillHref } from './drill';
import { Panel } from './Panel';
import type { TopItem } from './types';

interface Props {
  kind: 'users' | 'ips' | 'hosts';
  items: TopItem[];
  range: { from: string; to: string };
  testId: string;
}

/** A ranked list (user, source address, host) with its events and failures; a row opens its events. */
export function TopList({ kind, items, range, testId }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const max = Math.max(1, ...items.map((i) => i.count));
  return (
    <Panel title={t(`dashboard.top.${kind}.title`)} testId={testId}>
      {items.length === 0 ? (
        <p className="muted">{t(`dashboard.top.${kind}.empty`)}</p>
      ) : (
        <ol className="rank-list top-list">
          {items.map((item) => (
            <li key={item.key}>
              <a href={drillHref(item, range)} className="top-row" data-testid="top-row" data-query={item.query} data-count={item.count}>
                <span className="rank-name" title={item.key}>
                  {item.key}
                </span>
                <span className="rank-count">
                  {t('dashboard.top.count', { count: item.count, formatted: fmt.number(item.count) })}
                  {item.failures > 0 && (
                    <span className="rank-failures">
                      {' · '}
                      {t('dashboard.top.failures', { count: item.failures, formatted: fmt.number(item.failures) })}
                    </span>
                  )}
                </span>
                <span className="rank-bar" aria-hidden="true">
                  <span className="rank-bar-fill" style={{ width: `${(100 * item.count) / max}%` }} />
                </span>
              </a>
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}
