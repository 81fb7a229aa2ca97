import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AlertDetailPanel } from './AlertDetailPanel';
import { SuppressionsList } from './SuppressionsList';

interface Props {
  openId: number | null;
  onClose: () => void;
  onChanged: () => void;
}

/** Below the alerts table: the opened alert's detail, and the suppressions (on demand). */
export function AlertTriagePanels({ openId, onClose, onChanged }: Props) {
  const { t } = useTranslation();
  const [showSuppressions, setShowSuppressions] = useState(false);
  const [tick, setTick] = useState(0);
  const changed = () => {
    setTick((n) => n + 1);
    onChanged();
  };
  return (
    <>
      {openId !== null && <AlertDetailPanel key={openId} id={openId} onClose={onClose} onChanged={changed} />}
      <div className="button-row">
        <button type="button" aria-expanded={showSuppressions} onClick={() => setShowSuppressions((s) => !s)} data-testid="suppressions-toggle">
          {showSuppressions ? t('alertTriage.suppressions.hide') : t('alertTriage.suppressions.show')}
        </button>
      </div>
      {showSuppressions && <SuppressionsList refreshKey={tick} />}
    </>
  );
}
