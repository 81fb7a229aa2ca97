import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Choice, choicesOf } from '../../components/Fields';
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
      <Choice
        label={t('imports.options.format')}
        testId="import-format"
        value={value.format}
        onChange={(v) => set('format', v)}
        options={choicesOf(FOLDER_FORMAT_LIST, (f) => t(`imports.formats.${f}`))}
      />
      <div className="field">
        <label htmlFor={`${id}-tz`}>{t('imports.options.timezone')}</label>
        <input id={`${id}-tz`} data-testid="import-timezone" value={value.timezone} spellCheck={false} onChange={(e) => set('timezone', e.target.value)} />
        <p className="help">{t('imports.options.timezoneHelp')}</p>
      </div>
      <Choice
        label={t('imports.options.csvMapping')}
        testId="import-csv-mapping"
        value={value.csvMapping}
        onChange={(v) => set('csvMapping', v)}
        empty={t('imports.options.noMapping')}
        options={choicesOf(csvMappings, (m) => m)}
        help={t('imports.options.csvHelp')}
      />
    </div>
  );
}
