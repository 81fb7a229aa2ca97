import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExpandableTable } from '../../../components/ExpandableTable';
import { useFormat } from '../../../hooks/useFormat';
import { ActionError } from '../ActionError';
import type { TabProps } from '../DetailTabs';
import { downloadEvidence } from '../evidenceTransfer';
import { useAction } from '../hooks';
import type { EvidenceRow } from '../types';
import { useBytes } from './bytes';
import { CustodyLog } from './CustodyLog';
import { EvidenceUpload } from './EvidenceUpload';

/** Preuves: files kept encrypted in the vault with their SHA-256; each download is verified and recorded. */
export function EvidenceTab({ incident, reload, canWrite }: TabProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const bytes = useBytes();
  const action = useAction();
  const [open, setOpen] = useState<number | null>(null);
  const [tick, setTick] = useState(0);

  const download = async (e: EvidenceRow) => {
    await action.run(() => downloadEvidence(e, () => undefined));
    setTick((n) => n + 1);
  };

  return (
    <>
      {canWrite && <EvidenceUpload incidentId={incident.id} onAdded={reload} />}
      <ActionError error={action.error} />
      <ExpandableTable
        items={incident.evidence}
        label={t('incidents.tabs.evidence')}
        testId="evidence-table"
        empty={{ text: t('incidents.evidence.empty'), testId: 'evidence-empty' }}
        headers={[
          { label: t('incidents.evidence.columns.name') },
          { label: t('incidents.evidence.columns.size'), className: 'num' },
          { label: 'SHA-256' },
          { label: t('incidents.evidence.columns.addedBy') },
          { label: t('incidents.evidence.columns.actions') },
        ]}
        row={(e) => (
          <tr data-testid="evidence-row" data-evidence-id={e.id}>
            <td>
              <span data-testid="evidence-name">{e.name}</span>
              {e.description && <p className="help">{e.description}</p>}
            </td>
            <td className="num" data-testid="evidence-size" data-bytes={e.size}>
              {bytes(e.size)}
            </td>
            <td>
              <code className="hash" data-testid="evidence-sha256">
                {e.sha256}
              </code>
            </td>
            <td>{t('incidents.evidence.addedBy', { by: e.addedBy, at: fmt.dateTime(e.addedAt) })}</td>
            <td className="actions">
              <button type="button" disabled={action.busy} onClick={() => void download(e)} data-testid="evidence-download">
                {t('incidents.evidence.download')}
              </button>
              <button type="button" aria-expanded={open === e.id} onClick={() => setOpen(open === e.id ? null : e.id)} data-testid="evidence-custody">
                {t('incidents.evidence.custodyToggle')}
              </button>
            </td>
          </tr>
        )}
        detail={(e) => (open === e.id ? <CustodyLog evidenceId={e.id} refreshKey={tick} /> : null)}
      />
    </>
  );
}
