import { useTranslation } from 'react-i18next';
import type { Severity } from '@contract';

export function SeverityBadge({ severity }: { severity: Severity }) {
  const { t } = useTranslation();
  return (
    <span className={`badge sev-${severity}`} data-testid="severity-badge" data-severity={severity}>
      {t(`severity.${severity}`)}
    </span>
  );
}
