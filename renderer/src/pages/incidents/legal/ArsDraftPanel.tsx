import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpOutput } from '@contract';
import { api } from '../../../api/client';
import { ActionError } from '../ActionError';
import { downloadBase64 } from '../../../files';
import { useAction } from '../hooks';

type Draft = OpOutput<'legal.arsDraft'>;

/** The portal's four blocks pre-filled: text to copy into signalement.social-sante.gouv.fr, and the same as PDF. */
export function ArsDraftPanel({ incidentId, onBuilt }: { incidentId: number; onBuilt: () => void }) {
  const { t } = useTranslation();
  const action = useAction();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [copied, setCopied] = useState<'ok' | 'failed' | null>(null);

  async function build() {
    setCopied(null);
    const d = await action.run(() => api.call('legal.arsDraft', { incidentId }));
    if (!d) return;
    setDraft(d);
    // Preparing the draft is recorded in the incident's history.
    onBuilt();
  }

  async function copy() {
    if (!draft) return;
    try {
      await navigator.clipboard.writeText(draft.text);
      setCopied('ok');
    } catch {
      setCopied('failed');
    }
  }

  return (
    <div className="ars-draft" data-testid="ars-draft">
      <h3>{t('incidents.ars.draft.title')}</h3>
      <p className="help">{t('incidents.ars.draft.help')}</p>
      <div className="button-row">
        <button type="button" onClick={() => void build()} disabled={action.busy} data-testid="ars-draft-build">
          {draft ? t('incidents.ars.draft.rebuild') : t('incidents.ars.draft.build')}
        </button>
        {draft && (
          <>
            <button type="button" onClick={() => void copy()} data-testid="ars-draft-copy">
              {t('incidents.ars.draft.copy')}
            </button>
            <button type="button" onClick={() => downloadBase64(draft.filename, 'application/pdf', draft.pdfBase64)} data-testid="ars-draft-pdf">
              {t('incidents.ars.draft.pdf')}
            </button>
          </>
        )}
        {copied && (
          <span role="status" className="help" data-testid="ars-draft-copied">
            {t(`incidents.ars.draft.copied.${copied}`)}
          </span>
        )}
      </div>
      <ActionError error={action.error} />
      {draft && (
        <textarea className="draft-text" readOnly rows={18} value={draft.text} aria-label={t('incidents.ars.draft.title')} lang="fr" data-testid="ars-draft-text" />
      )}
    </div>
  );
}
