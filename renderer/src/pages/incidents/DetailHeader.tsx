import { useTranslation } from 'react-i18next';
import { SeverityBadge } from '../../components/SeverityBadge';
import { useFormat } from '../../hooks/useFormat';
import { DeadlineChip } from './DeadlineChip';
import { incidentHref, listHref } from './route';
import { TlpBadge } from './TlpBadge';
import type { Deadline, IncidentDetail } from './types';

/** Title line of an incident: reference, badges, phase, markers, open legal deadlines. */
export function DetailHeader({ incident, deadlines }: { incident: IncidentDetail; deadlines: Deadline[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <header className="incident-header">
      <p className="breadcrumb">
        <a href={listHref()} data-testid="back-to-list">
          {t('incidents.detail.back')}
        </a>
      </p>
      <div className="page-header">
        <h1 data-testid="page-heading">
          <span className="incident-ref">{t('incidents.ref', { id: incident.id })}</span>{' '}
          <span data-testid="incident-title">{incident.title}</span>
        </h1>
      </div>
      <div className="incident-badges">
        <SeverityBadge severity={incident.severity} />
        <TlpBadge tlp={incident.tlp} />
        <TlpBadge tlp={incident.pap} kind="PAP" />
        <span className="state" data-testid="incident-phase">
          {t(`phase.${incident.phase}`)}
        </span>
        <span className="muted">{t(`incidents.category.${incident.category}`, { defaultValue: incident.category })}</span>
        <span className="muted">{t('incidents.detail.opened', { at: fmt.dateTime(incident.createdAt), by: incident.createdBy })}</span>
        {incident.parent && (
          <a className="marker" href={incidentHref(incident.parent.id, 'links')} data-testid="marker-child">
            {t('incidents.markers.child', { id: incident.parent.id })}
          </a>
        )}
        {incident.children.length > 0 && (
          <a className="marker" href={incidentHref(incident.id, 'links')}>
            {t('incidents.markers.parent', { count: incident.children.length })}
          </a>
        )}
      </div>
      {incident.mergedInto != null && (
        <p className="notice" role="note" data-testid="merged-notice">
          {t('incidents.detail.merged', { id: incident.mergedInto })}{' '}
          <a href={incidentHref(incident.mergedInto)}>{t('incidents.detail.openTarget', { id: incident.mergedInto })}</a>
        </p>
      )}
      {deadlines.length > 0 && (
        <p className="incident-deadlines" data-testid="incident-deadlines">
          {deadlines.map((d) => (
            <a key={d.kind} href={incidentHref(incident.id, 'legal')}>
              <DeadlineChip deadline={d} />
            </a>
          ))}
        </p>
      )}
    </header>
  );
}
