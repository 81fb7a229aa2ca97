import type { Route } from '../hooks/useHashRoute';
import { AccessTracesPage } from '../pages/AccessTracesPage';
import { AlertsPage } from '../pages/AlertsPage';
import { CompliancePage } from '../pages/CompliancePage';
import { DashboardPage } from '../pages/DashboardPage';
import { EventsPage } from '../pages/EventsPage';
import { IncidentsPage } from '../pages/IncidentsPage';
import { RisksPage } from '../pages/RisksPage';
import { RulesPage } from '../pages/RulesPage';
import { SearchPage } from '../pages/SearchPage';
import { SettingsPage } from '../pages/SettingsPage';
import { SourcesPage } from '../pages/SourcesPage';

export function RoutePage({ route }: { route: Route }) {
  switch (route) {
    case 'dashboard':
      return <DashboardPage />;
    case 'search':
      return <SearchPage />;
    case 'events':
      return <EventsPage />;
    case 'traces':
      return <AccessTracesPage />;
    case 'alerts':
      return <AlertsPage />;
    case 'rules':
      return <RulesPage />;
    case 'incidents':
      return <IncidentsPage />;
    case 'risks':
      return <RisksPage />;
    case 'compliance':
      return <CompliancePage />;
    case 'sources':
      return <SourcesPage />;
    case 'settings':
      return <SettingsPage />;
  }
}
