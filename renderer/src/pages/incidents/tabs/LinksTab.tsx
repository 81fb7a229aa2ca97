import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { SeverityBadge } from '../../../components/SeverityBadge';
import { ActionError } from '../ActionError';
import type { TabProps } from '../DetailTabs';
import { useAction } from '../hooks';
import { IncidentPicker } from '../IncidentPicker';
import { incidentHref } from '../route';
import { MergePanel } from './MergePanel';

/** Liens: alerts attached, parent and children incidents, merge into another incident. */
export function LinksTab({ incident, reload, canWrite }: TabProps) {
  const { t } = useTranslation();
  const action = useAction();
  const [parent, setParent] = useState<number | null>(null);
  const childIds = new Set(incident.children.map((c) => c.id));

  const changeParent = async (parentId: number | null) => {
    if (await action.run(() => api.call('incidents.setParent', { id: incident.id, parentId }))) {
      setParent(null);
      reload();
    }
  };

  return (
    <>
      <section className="card" data-testid="links-alerts">
        <h3>{t('incidents.links.alerts', { count: incident.alerts.length })}</h3>
        {incident.alerts.length === 0 && <p className="muted">{t('incidents.links.noAlerts')}</p>}
        <ul className="link-list">
          {incident.alerts.map((a) => (
            <li key={a.id} data-testid="linked-alert">
              <SeverityBadge severity={a.severity} /> <a href="#/alerts">{t('incidents.links.alertRef', { id: a.id })}</a> {a.title}{' '}
              <span className="muted">{t(`alertStatus.${a.status}`)}</span>
            </li>
          ))}
        </ul>
        <p className="help">{t('incidents.links.events', { count: incident.eventCount })}</p>
      </section>
      <section className="card" data-testid="links-family">
        <h3>{t('incidents.links.family')}</h3>
        <p data-testid="links-parent">
          {incident.parent ? (
            <>
              {t('incidents.links.parentIs')} <a href={incidentHref(incident.parent.id)}>{t('incidents.picker.option', { id: incident.parent.id, title: incident.parent.title })}</a>{' '}
              {canWrite && (
                <button type="button" onClick={() => void changeParent(null)} disabled={action.busy} data-testid="parent-remove">
                  {t('incidents.links.parentRemove')}
                </button>
              )}
            </>
          ) : (
            t('incidents.links.noParent')
          )}
        </p>
        {canWrite && (
          <div className="button-row">
            <IncidentPicker label={t('incidents.links.parentChoose')} value={parent} onChange={setParent} exclude={(i) => i.id === incident.id || childIds.has(i.id)} testId="parent-select" />
            <button type="button" disabled={parent == null || action.busy} onClick={() => void changeParent(parent)} data-testid="parent-set">
              {t('incidents.links.parentSet')}
            </button>
          </div>
        )}
        <h4>{t('incidents.links.children', { count: incident.children.length })}</h4>
        <ul className="link-list" data-testid="links-children">
          {incident.children.map((c) => (
            <li key={c.id}>
              <a href={incidentHref(c.id)}>{t('incidents.picker.option', { id: c.id, title: c.title })}</a> <span className="muted">{t(`phase.${c.phase}`)}</span>
            </li>
          ))}
        </ul>
        <ActionError error={action.error} />
      </section>
      {canWrite && (
        <section className="card">
          <MergePanel incident={incident} />
        </section>
      )}
    </>
  );
}
