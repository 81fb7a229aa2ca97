import { useTranslation } from 'react-i18next';
import type { OpOutput } from '@contract';

export type CsvPreview = OpOutput<'csvMappings.preview'>;

/** The draft mapping on the first records: fields each would store, or why it would go to quarantine. */
export function CsvPreviewTable({ preview }: { preview: CsvPreview }) {
  const { t } = useTranslation();
  const fields = [...new Set(preview.rows.flatMap((r) => (r.ok ? Object.keys(r.fields) : [])))];
  const ok = preview.rows.filter((r) => r.ok).length;
  return (
    <div className="csv-preview" data-testid="csv-preview">
      {preview.header && (
        <p className="help" data-testid="csv-preview-header">
          {t('imports.csvEditor.headerCells', { cells: preview.header.join(' · ') })}
        </p>
      )}
      <p data-testid="csv-preview-count" data-ok={ok} data-total={preview.rows.length}>
        {t('imports.csvEditor.previewCount', { ok, total: preview.rows.length })}
      </p>
      {preview.rows.length > 0 && (
        <div className="table-wrap">
          <table className="table" aria-label={t('imports.csvEditor.previewTitle')}>
            <thead>
              <tr>
                <th scope="col">{t('imports.csvEditor.position')}</th>
                {fields.map((f) => (
                  <th scope="col" key={f}>
                    {f}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((r) => (
                <tr key={r.position} data-testid="csv-preview-row" data-ok={r.ok ? 'true' : 'false'}>
                  <td>{r.position}</td>
                  {r.ok ? (
                    fields.map((f) => (
                      <td key={f} data-field={f}>
                        {r.fields[f] ?? ''}
                      </td>
                    ))
                  ) : (
                    <td colSpan={Math.max(1, fields.length)} className="field-error" data-testid="csv-preview-reason">
                      {t(`quarantine.codes.${r.code}`, { defaultValue: r.code })} — {r.reason}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
