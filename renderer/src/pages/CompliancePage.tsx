import { PlannedPage } from './PlannedPage';

export function CompliancePage() {
  return <PlannedPage section="compliance" />;
}
