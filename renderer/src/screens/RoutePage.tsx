import type { Route } from '../hooks/useHashRoute';
import { AlertsPage } from '../pages/AlertsPage';
import { CompliancePage } from '../pages/CompliancePage';
import { DashboardPage } from '../pages/DashboardPage';
import { EventsPage } from '../pages/EventsPage';
import { IncidentsPage } from '../pages/IncidentsPage';
import { RisksPage } from '../pages/RisksPage';
import { SettingsPage } from '../pages/SettingsPage';
import { SourcesPage } from '../pages/SourcesPage';

export function RoutePage({ route }: { route: Route }) {
  switch (route) {
    case 'dashboard':
      return <DashboardPage />;
    case 'events':
      return <EventsPage />;
    case 'alerts':
      return <AlertsPage />;
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
