import { PlannedPage } from './PlannedPage';

export function RisksPage() {
  return <PlannedPage section="risks" />;
}
