import { IncidentDetailPage } from './incidents/IncidentDetailPage';
import { IncidentList } from './incidents/IncidentList';
import { useIncidentRoute } from './incidents/route';
import './incidents/incidents.css';
import './incidents/legal.css';

/** Incidents: the list (`#/incidents`) or one incident with its tabs (`#/incidents/<id>/<tab>`). */
export function IncidentsPage() {
  const route = useIncidentRoute();
  return route.id == null ? <IncidentList query={route.query} /> : <IncidentDetailPage key={route.id} id={route.id} tab={route.tab} />;
}
