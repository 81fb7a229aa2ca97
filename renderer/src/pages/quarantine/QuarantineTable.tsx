import { useTranslation } from 'react-i18next';
import { useFormat } from '../../hooks/useFormat';
import { visibleText, type QuarantineRow } from './codes';

const EXCERPT_CHARS = 600;

interface Props {
  rows: QuarantineRow[];
  selected: ReadonlySet<number>;
  onToggle: (id: number, on: boolean) => void;
  onToggleAll: (on: boolean) => void;
  selectable: boolean;
}

/** Records kept in quarantine: where they came from, why, and their first bytes (shown as text, never interpreted). */
export function QuarantineTable({ rows, selected, onToggle, onToggleAll, selectable }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const open = rows.filter((r) => r.resolvedEventId === null);
  const allOn = open.length > 0 && open.every((r) => selected.has(r.id));
  return (
    <div className="table-wrap">
      <table className="table" aria-label={t('quarantine.tableLabel')} data-testid="quarantine-table">
        <thead>
          <tr>
            {selectable && (
              <th scope="col">
                <input type="checkbox" aria-label={t('quarantine.selectAll')} checked={allOn} onChange={(e) => onToggleAll(e.target.checked)} />
              </th>
            )}
            <th scope="col">{t('quarantine.columns.origin')}</th>
            <th scope="col">{t('quarantine.columns.reason')}</th>
            <th scope="col">{t('quarantine.columns.raw')}</th>
            <th scope="col">{t('quarantine.columns.when')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const excerpt = visibleText(r.rawText.slice(0, EXCERPT_CHARS));
            const cut = r.rawTruncated || r.rawText.length > EXCERPT_CHARS;
            return (
              <tr key={r.id} data-testid="quarantine-row" data-code={r.code} data-quarantine-id={r.id}>
                {selectable && (
                  <td>
                    <input
                      type="checkbox"
                      aria-label={t('quarantine.select', { origin: r.origin, position: r.position })}
                      disabled={r.resolvedEventId !== null}
                      checked={selected.has(r.id)}
                      onChange={(e) => onToggle(r.id, e.target.checked)}
                    />
                  </td>
                )}
                <td>
                  <span className="mono">{r.origin}</span>
                  <div className="muted" data-testid="quarantine-position">
                    {r.position}
                    {r.importId !== null && ` · ${t('quarantine.importRef', { id: r.importId })}`}
                  </div>
                </td>
                <td>
                  <span className="state" data-testid="quarantine-code">
                    {t(`quarantine.codes.${r.code}`, { defaultValue: r.code })}
                  </span>
                  {r.resolvedEventId !== null && <span className="state state-done">{t('quarantine.resolved')}</span>}
                  <div data-testid="quarantine-reason">{r.reason}</div>
                </td>
                <td>
                  <pre className="raw-excerpt" data-testid="quarantine-raw">
                    {excerpt}
                  </pre>
                  {cut && <div className="muted">{t('quarantine.truncated', { bytes: fmt.number(r.rawLength) })}</div>}
                </td>
                <td>{fmt.dateTime(r.createdAt)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
