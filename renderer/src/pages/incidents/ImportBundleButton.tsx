import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useToasts } from '../../components/Toasts';
import { ActionError } from './ActionError';
import { FilePickButton } from './FilePickButton';
import { useAction } from './hooks';
import { incidentHref } from './route';

/** Imports an incident bundle shared by another member of the task force (JSON export of Vigie). */
export function ImportBundleButton() {
  const { t } = useTranslation();
  const action = useAction();
  const toasts = useToasts();

  async function take(file: File) {
    const result = await action.run(async () => api.call('incidents.importBundle', { content: await file.text() }));
    if (!result) return;
    const added = result.added.observables + result.added.tasks + result.added.timeline;
    toasts.push({
      kind: 'info',
      text: result.noop
        ? t('incidents.bundle.noop', { id: result.incidentId })
        : t('incidents.bundle.done', { id: result.incidentId, added, member: result.sourceMember }),
    });
    window.location.hash = incidentHref(result.incidentId);
  }

  return (
    <>
      <FilePickButton label={t('incidents.bundle.import')} accept=".json,application/json" disabled={action.busy} onFile={(f) => void take(f)} testId="bundle-input" />
      <ActionError error={action.error} testId="bundle-error" />
    </>
  );
}
