import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { FOLDER_FORMAT_LIST } from '../sources/draft';
import type { UploadSettings } from './upload';

interface Props {
  value: UploadSettings;
  onChange: (next: UploadSettings) => void;
  csvMappings: string[];
}

/** Format (auto-detected unless chosen), time zone of offset-less timestamps, CSV column mapping. */
export function ImportOptions({ value, onChange, csvMappings }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const set = <K extends keyof UploadSettings>(key: K, v: UploadSettings[K]) => onChange({ ...value, [key]: v });
  return (
    <div className="options-grid" data-testid="import-options">
      <div className="field">
        <label htmlFor={`${id}-format`}>{t('imports.options.format')}</label>
        <select id={`${id}-format`} data-testid="import-format" value={value.format} onChange={(e) => set('format', e.target.value)}>
          {FOLDER_FORMAT_LIST.map((f) => (
            <option key={f} value={f}>
              {t(`imports.formats.${f}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-tz`}>{t('imports.options.timezone')}</label>
        <input id={`${id}-tz`} data-testid="import-timezone" value={value.timezone} spellCheck={false} onChange={(e) => set('timezone', e.target.value)} />
        <p className="help">{t('imports.options.timezoneHelp')}</p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-csv`}>{t('imports.options.csvMapping')}</label>
        <select id={`${id}-csv`} data-testid="import-csv-mapping" value={value.csvMapping} onChange={(e) => set('csvMapping', e.target.value)}>
          <option value="">{t('imports.options.noMapping')}</option>
          {csvMappings.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
        <p className="help">{t('imports.options.csvHelp')}</p>
      </div>
    </div>
  );
}
