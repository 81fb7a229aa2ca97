/** The demo's alerts and incident, built from the injected scenarios; created once per vault. */
import type { AlertRow, Severity } from '../api/contract';
import type { Db } from '../store/db';
import { defaultFingerprint } from '../events/writer';
import { severityToInt } from '../events/severity';
import { appendHistory, createIncident } from '../incidents/queries';
import { STRUCTURES } from './catalog';
import { ATTACKER_IP, type ScenarioKey, type Scenarios } from './scenarios';
import { MINUTE } from './time';

/** Rule ids of demo alerts start with this; it is how a second load recognises them. */
export const DEMO_RULE_PREFIX = 'demo.';
/** `created_by` of the demo incident. */
export const DEMO_ACTOR = 'vigie-demo';

interface AlertSpec {
  ruleId: string;
  title: string;
  severity: Severity;
  status: AlertRow['status'];
  groupKey: string;
  scenario: ScenarioKey;
}

function alertSpecs(s: Scenarios): AlertSpec[] {
  const { admin, nightReader, exporter, emergency, traveller } = s.actors;
  const ch = STRUCTURES[0];
  const spec = (
    ruleId: string, severity: Severity, status: AlertRow['status'], scenario: ScenarioKey, groupKey: string, title: string,
  ): AlertSpec => ({ ruleId, severity, status, scenario, groupKey, title });
  return [
    spec('demo.sri.bruteforce', 'high', 'prise_en_compte', 'bruteforce', `source.ip=${ATTACKER_IP}`,
      `Force brute sur le SRI depuis ${ATTACKER_IP}`),
    spec('demo.sri.login_after_bruteforce', 'critical', 'vrai_positif', 'afterBruteforce', `user.name=${admin.login}`,
      `Connexion réussie après force brute : ${admin.login} (${admin.structure.name})`),
    spec('demo.pacs.store_failures', 'high', 'nouvelle', 'pacsFailures', `host.name=pacs01.${ch.domain}`,
      `Échecs d'écriture en série sur le PACS du ${ch.name}`),
    spec('demo.portail.mass_patient_access', 'high', 'nouvelle', 'nightReading', `user.name=${nightReader.login}`,
      `Consultation de 60 dossiers patients en 20 min, de nuit : ${nightReader.login}`),
    spec('demo.portail.bulk_export', 'medium', 'prise_en_compte', 'bulkExport', `user.name=${exporter.login}`,
      `Export massif de dossiers patients : ${exporter.login} (${exporter.structure.name})`),
    spec('demo.portail.break_glass', 'medium', 'close', 'breakGlass', `user.name=${emergency.login}`,
      `Accès en bris de glace hors heures ouvrées : ${emergency.login}`),
    spec('demo.sri.unusual_ip', 'low', 'faux_positif', 'unusualIp', `user.name=${traveller.login}`,
      `Connexion depuis une adresse IP publique inhabituelle : ${traveller.login}`),
  ];
}

/** True when this vault already holds the demo's alerts or incident. */
export async function demoAlertsPresent(db: Db): Promise<boolean> {
  const row = await db.get<{ n: number }>(
    `SELECT (SELECT count(*) FROM alerts WHERE rule_id LIKE '${DEMO_RULE_PREFIX}%')
          + (SELECT count(*) FROM incidents WHERE created_by = ?) AS n`,
    [DEMO_ACTOR],
  );
  return (row?.n ?? 0) > 0;
}

async function eventIds(db: Db, fingerprints: string[]): Promise<{ id: number; ts: number }[]> {
  const out: { id: number; ts: number }[] = [];
  for (let i = 0; i < fingerprints.length; i += 500) {
    const chunk = fingerprints.slice(i, i + 500);
    out.push(...(await db.all<{ id: number; ts: number }>(
      `SELECT id, ts FROM events WHERE fingerprint IN (${chunk.map(() => '?').join(', ')})`, chunk)));
  }
  return out;
}

/**
 * Creates the demo alerts (linked to their events) and the open ransomware
 * incident with its history, in one transaction; does nothing when they
 * already exist. Returns how many alerts and incidents were created.
 */
export async function createDemoAlerts(db: Db, s: Scenarios, now: number): Promise<{ alerts: number; incidents: number }> {
  return db.transaction(async (tx) => {
    if (await demoAlertsPresent(tx)) return { alerts: 0, incidents: 0 };
    const past = (t: number) => Math.min(t, now - MINUTE);
    const ids = new Map<string, number>();
    for (const spec of alertSpecs(s)) {
      const linked = await eventIds(tx, s.events[spec.scenario].map(defaultFingerprint));
      if (linked.length === 0) continue;
      const first = Math.min(...linked.map((e) => e.ts));
      const last = Math.max(...linked.map((e) => e.ts));
      const { lastID } = await tx.run(
        `INSERT INTO alerts (rule_id, title, severity, status, group_key, first_seen, last_seen, event_count, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [spec.ruleId, spec.title, severityToInt(spec.severity), spec.status, spec.groupKey, first, last, linked.length, past(last + 2 * MINUTE)],
      );
      await tx.insertMany('alert_events', ['alert_id', 'event_id'], linked.map((e) => [lastID, e.id]), { onConflict: 'ignore' });
      ids.set(spec.ruleId, lastID);
    }

    const ch = STRUCTURES[0];
    const opened = past(s.pacsFailuresAt + 95 * MINUTE);
    const incident = await createIncident(tx, {
      title: `Suspicion de rançongiciel au ${ch.name}`,
      description:
        `Échecs d'écriture en série sur le PACS du ${ch.name} depuis le début de matinée, quelques heures après ` +
        `une connexion réussie au compte administrateur ${s.actors.admin.login} à l'issue d'une attaque par force brute ` +
        `depuis ${ATTACKER_IP}. Le RSSI de l'établissement signale des fichiers renommés sur un partage. ` +
        `Qualification en cours avec la task force ; établissement invité à isoler les serveurs concernés.`,
      severity: 'high',
      tlp: 'AMBER',
      category: 'ransomware',
      phase: 'detection',
      structure: ch.name,
      finess: ch.finess,
    }, DEMO_ACTOR, { at: new Date(opened) });
    const history: { actor: string; field: string; from: string | null; to: string; at: number }[] = [];
    const linkedAlert = ids.get('demo.sri.login_after_bruteforce');
    if (linkedAlert !== undefined) {
      await tx.run('UPDATE alerts SET incident_id = ? WHERE id = ?', [incident.id, linkedAlert]);
      history.push({ actor: 'Task force régionale (astreinte)', field: 'alert', from: null, to: String(linkedAlert), at: past(opened + 10 * MINUTE) });
    }
    history.push(
      { actor: 'Task force régionale (astreinte)', field: 'phase', from: 'detection', to: 'qualification', at: past(opened + 35 * MINUTE) },
      { actor: `RSSI ${ch.name}`, field: 'severity', from: 'high', to: 'critical', at: past(opened + 80 * MINUTE) },
    );
    for (const h of history) await appendHistory(tx, incident.id, { ...h, at: new Date(h.at) });
    await tx.run('UPDATE incidents SET phase = ?, severity = ?, updated_at = ? WHERE id = ?', [
      'qualification', severityToInt('critical'), Math.max(...history.map((h) => h.at)), incident.id,
    ]);
    return { alerts: ids.size, incidents: 1 };
  });
}
