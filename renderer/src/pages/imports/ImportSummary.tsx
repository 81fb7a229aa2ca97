import { useTranslation } from 'react-i18next';
import { useFormat } from '../../hooks/useFormat';

export interface Counts {
  recordsIn: number;
  stored: number;
  quarantined: number;
  duplicates: number;
  /** Empty lines: not records, skipped and shown apart. */
  blankLines?: number;
}

/**
 * « reçus = stockés + quarantaine + doublons »: every record of the file is
 * accounted for; empty lines (not records) are shown apart. A final count
 * that does not add up is shown as such.
 */
export function ImportSummary({ counts: c, final }: { counts: Counts; final: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const balanced = c.recordsIn === c.stored + c.quarantined + c.duplicates;
  return (
    <p
      className={`summary-line${final && !balanced ? ' mismatch' : ''}`}
      data-testid="import-summary"
      data-in={c.recordsIn}
      data-stored={c.stored}
      data-quarantined={c.quarantined}
      data-duplicates={c.duplicates}
      data-blank={c.blankLines ?? 0}
      data-balanced={balanced ? 'true' : 'false'}
    >
      {t(final ? 'imports.summary.final' : 'imports.summary.running', {
        received: fmt.number(c.recordsIn),
        stored: fmt.number(c.stored),
        quarantined: fmt.number(c.quarantined),
        duplicates: fmt.number(c.duplicates),
      })}
      {(c.blankLines ?? 0) > 0 && ` ${t('imports.summary.blank', { count: c.blankLines, formatted: fmt.number(c.blankLines ?? 0) })}`}
      {final && !balanced && ` ${t('imports.summary.mismatch')}`}
    </p>
  );
}
