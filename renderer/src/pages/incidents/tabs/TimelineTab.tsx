import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../hooks/useFormat';
import type { TabProps } from '../DetailTabs';
import type { TimelineEntry } from '../types';
import { IrisTools } from './IrisTools';
import { TimelineForm } from './TimelineForm';

/** Chronologie: automatic entries (from the history) and manual or imported ones, oldest first. */
export function TimelineTab({ incident, reload, canWrite }: TabProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const entries = [...incident.timeline].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return (
    <>
      <IrisTools incidentId={incident.id} canWrite={canWrite} onImported={reload} />
      {canWrite && <TimelineForm incidentId={incident.id} onAdded={reload} />}
      <ol className="timeline" data-testid="timeline">
        {entries.map((e: TimelineEntry) => (
          <li key={e.id} className={`timeline-entry timeline-${e.kind}`} data-testid="timeline-entry" data-kind={e.kind}>
            <time dateTime={e.at}>{fmt.dateTime(e.at)}</time>
            <span className="state">{t(`incidents.timeline.kind.${e.kind}`)}</span>
            <strong className="timeline-title">{e.title}</strong>
            {e.category !== 'Unspecified' && <span className="muted">{e.category}</span>}
            {e.content && <p className="timeline-content">{e.content}</p>}
            <p className="help">
              {t('incidents.timeline.by', { actor: e.actor })}
              {e.source && ` · ${e.source}`}
              {e.iocs.length > 0 && ` · ${t('incidents.timeline.iocs', { list: e.iocs.join(', ') })}`}
            </p>
          </li>
        ))}
      </ol>
    </>
  );
}
