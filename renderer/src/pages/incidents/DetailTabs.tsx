import { useTranslation } from 'react-i18next';
import { DETAIL_TABS, incidentHref, type DetailTab } from './route';
import { EvidenceTab } from './tabs/EvidenceTab';
import { ExportsTab } from './tabs/ExportsTab';
import { HistoryTab } from './tabs/HistoryTab';
import { LegalTab } from './tabs/LegalTab';
import { LinksTab } from './tabs/LinksTab';
import { ObservablesTab } from './tabs/ObservablesTab';
import { SummaryTab } from './tabs/SummaryTab';
import { TasksTab } from './tabs/TasksTab';
import { TimelineTab } from './tabs/TimelineTab';
import type { IncidentDetail } from './types';

export interface TabProps {
  incident: IncidentDetail;
  reload: () => void;
  /** False for read-only roles and merged incidents. */
  canWrite: boolean;
}

function count(incident: IncidentDetail, tab: DetailTab): number | null {
  switch (tab) {
    case 'tasks':
      return incident.tasks.length;
    case 'evidence':
      return incident.evidence.length;
    case 'observables':
      return incident.observables.length;
    case 'links':
      return incident.alerts.length + incident.children.length + (incident.parent ? 1 : 0);
    default:
      return null;
  }
}

/** The incident's tabs (links, so each tab has its address) and the open one. */
export function DetailTabs({ tab, ...props }: TabProps & { tab: DetailTab }) {
  const { t } = useTranslation();
  const { incident } = props;
  return (
    <>
      <nav className="tabs incident-tabs" aria-label={t('incidents.tabs.label')}>
        {DETAIL_TABS.map((name) => {
          const n = count(incident, name);
          return (
            <a key={name} href={incidentHref(incident.id, name)} aria-current={name === tab ? 'page' : undefined} data-testid={`tab-${name}`}>
              {t(`incidents.tabs.${name}`)}
              {n != null && n > 0 && <span className="tab-count">{` (${n})`}</span>}
            </a>
          );
        })}
      </nav>
      <section className="tab-panel" aria-label={t(`incidents.tabs.${tab}`)} data-testid={`panel-${tab}`}>
        {tab === 'summary' && <SummaryTab {...props} />}
        {tab === 'tasks' && <TasksTab {...props} />}
        {tab === 'timeline' && <TimelineTab {...props} />}
        {tab === 'evidence' && <EvidenceTab {...props} />}
        {tab === 'observables' && <ObservablesTab {...props} />}
        {tab === 'legal' && <LegalTab {...props} />}
        {tab === 'history' && <HistoryTab {...props} />}
        {tab === 'exports' && <ExportsTab {...props} />}
        {tab === 'links' && <LinksTab {...props} />}
      </section>
    </>
  );
}
