import { useTranslation } from 'react-i18next';
import { DeadlineChip } from './DeadlineChip';
import { incidentHref } from './route';
import type { Deadline } from './types';

const SHOWN = 5;

/** Open legal deadlines of all incidents (ARS declaration, CNIL 72 h), most urgent first, above the list. */
export function DeadlinesBanner({ deadlines }: { deadlines: Deadline[] }) {
  const { t } = useTranslation();
  if (deadlines.length === 0) {
    return (
      <p className="muted deadlines-none" data-testid="deadlines-none">
        {t('incidents.deadlines.none')}
      </p>
    );
  }
  return (
    <section className="card deadlines-banner" aria-labelledby="deadlines-title" data-testid="deadlines-banner">
      <h2 id="deadlines-title">{t('incidents.deadlines.title', { count: deadlines.length })}</h2>
      <ul>
        {deadlines.slice(0, SHOWN).map((d) => (
          <li key={`${d.incidentId}-${d.kind}`}>
            <a href={incidentHref(d.incidentId, 'legal')}>
              <DeadlineChip deadline={d} withTitle />
            </a>
          </li>
        ))}
      </ul>
      {deadlines.length > SHOWN && <p className="help">{t('incidents.deadlines.more', { count: deadlines.length - SHOWN })}</p>}
    </section>
  );
}
