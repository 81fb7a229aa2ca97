import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpOutput } from '@contract';
import { api } from '../../../api/client';
import { useFormat } from '../../../hooks/useFormat';
import { ActionError } from '../ActionError';
import type { TabProps } from '../DetailTabs';
import { useAction } from '../hooks';
import { TlpBadge } from '../TlpBadge';
import type { ObservableRow } from '../types';
import { ObservableForm } from './ObservableForm';
import { SightingEvents } from './SightingEvents';

type Sightings = OpOutput<'incidents.observables.sightings'>;

/** Observables with their TLP; 'Rechercher les observations' searches every stored event and links the hits. */
export function ObservablesTab({ incident, reload, canWrite }: TabProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const action = useAction();
  const [results, setResults] = useState<Record<number, Sightings>>({});
  const [open, setOpen] = useState<number | null>(null);

  const search = async (o: ObservableRow) => {
    const r = await action.run(() => api.call('incidents.observables.sightings', { observableId: o.id }));
    if (r) {
      setResults((m) => ({ ...m, [o.id]: r }));
      setOpen(o.id);
      reload();
    }
  };
  const eventsOf = (o: ObservableRow) => incident.events.filter((e) => e.observableId === o.id);

  return (
    <>
      {canWrite && <ObservableForm incidentId={incident.id} defaultTlp={incident.tlp} onAdded={reload} />}
      <ActionError error={action.error} />
      {incident.observables.length === 0 ? (
        <p className="muted" data-testid="observables-empty">
          {t('incidents.observables.empty')}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-label={t('incidents.tabs.observables')} data-testid="observables-table">
            <thead>
              <tr>
                <th scope="col">{t('incidents.observables.columns.type')}</th>
                <th scope="col">{t('incidents.observables.columns.value')}</th>
                <th scope="col">TLP</th>
                <th scope="col">{t('incidents.observables.columns.sightings')}</th>
                <th scope="col">{t('incidents.observables.columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {incident.observables.map((o) => (
                <Fragment key={o.id}>
                  <tr data-testid="observable-row">
                    <td>{t(`incidents.observables.types.${o.type}`) + (o.hashType ? ` (${o.hashType.toUpperCase()})` : '')}</td>
                    <td>
                      <code className="hash">{o.value}</code>
                      {o.description && <p className="help">{o.description}</p>}
                    </td>
                    <td>
                      <TlpBadge tlp={o.tlp} />
                    </td>
                    <td data-testid="observable-sightings">
                      {o.sightings == null ? t('incidents.observables.notSearched') : t('incidents.observables.sightingsCount', { count: o.sightings, at: fmt.dateTime(o.sightedAt) })}
                      {results[o.id] && (
                        <p className="help" role="status" data-testid="sightings-result">
                          {t('incidents.observables.result', { total: results[o.id].total, linked: results[o.id].linked })}
                          {results[o.id].truncated && ` ${t('incidents.observables.truncated')}`}
                        </p>
                      )}
                    </td>
                    <td className="actions">
                      {canWrite && (
                        <button type="button" disabled={action.busy} onClick={() => void search(o)} data-testid="observable-search">
                          {t('incidents.observables.search')}
                        </button>
                      )}
                      <button type="button" aria-expanded={open === o.id} onClick={() => setOpen(open === o.id ? null : o.id)}>
                        {t('incidents.observables.showEvents', { count: eventsOf(o).length })}
                      </button>
                    </td>
                  </tr>
                  {open === o.id && (
                    <tr className="subrow">
                      <td colSpan={5}>
                        <SightingEvents events={eventsOf(o)} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
