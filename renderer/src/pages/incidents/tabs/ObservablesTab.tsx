import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpOutput } from '@contract';
import { api } from '../../../api/client';
import { ExpandableTable } from '../../../components/ExpandableTable';
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
      <ExpandableTable
        items={incident.observables}
        label={t('incidents.tabs.observables')}
        testId="observables-table"
        empty={{ text: t('incidents.observables.empty'), testId: 'observables-empty' }}
        headers={[
          { label: t('incidents.observables.columns.type') },
          { label: t('incidents.observables.columns.value') },
          { label: 'TLP' },
          { label: t('incidents.observables.columns.sightings') },
          { label: t('incidents.observables.columns.actions') },
        ]}
        row={(o) => (
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
        )}
        detail={(o) => (open === o.id ? <SightingEvents events={eventsOf(o)} /> : null)}
      />
    </>
  );
}
