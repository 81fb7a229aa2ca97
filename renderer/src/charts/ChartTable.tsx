import { useTranslation } from 'react-i18next';
import type { Series } from './ClickableChart';

interface Props {
  labels: string[];
  series: Series[];
  format: (value: number) => string;
  onPick?: (seriesIndex: number, index: number) => void;
}

/** The figures behind a chart, as a table (screen readers, keyboard): each value opens what a click on the chart opens. */
export function ChartTable({ labels, series, format, onPick }: Props) {
  const { t } = useTranslation();
  return (
    <details className="chart-data">
      <summary>{t('dashboard.charts.showData')}</summary>
      <div className="table-wrap">
        <table className="table compact-table">
          <thead>
            <tr>
              <th scope="col">{t('dashboard.charts.category')}</th>
              {series.map((s) => (
                <th scope="col" key={s.label} className="num">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {labels.map((label, index) => (
              <tr key={`${label}-${index}`}>
                <th scope="row">{label}</th>
                {series.map((s, si) => {
                  const v = s.values[index];
                  const text = v === null || v === undefined ? '—' : format(v);
                  return (
                    <td key={s.label} className="num">
                      {onPick && v ? (
                        <button type="button" className="link-button" onClick={() => onPick(si, index)}>
                          {text}
                        </button>
                      ) : (
                        text
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
