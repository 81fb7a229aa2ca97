import { PlannedPage } from './PlannedPage';

export function SourcesPage() {
  return <PlannedPage section="sources" />;
}
