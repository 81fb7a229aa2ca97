import type { Db } from '../../../../main/store/db';
import { updateBreach } from '../../../../main/incidents/legal/gdpr';
import { addEvidence, addObservable, addTask, addTimeline, HOUR, insertIncident, T0 } from '../legal/fixture';

export const SHA256 = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
export const RED_EMAIL = 'rancon@evil-mail.example';

/**
 * An AMBER phishing incident with items at every TLP:
 * observables GREEN public IP, AMBER private IP, CLEAR domain, AMBER URL,
 * GREEN SHA-256, RED e-mail, AMBER+STRICT account; timeline GREEN (mentions
 * the RED e-mail), inherited (AMBER), RED; evidence RED and inherited; two
 * tasks; a registered breach.
 */
export async function seedIncident(db: Db, o: { title?: string; description?: string } = {}): Promise<number> {
  const id = await insertIncident(db, {
    title: o.title ?? 'Hameçonnage ciblé du CH de Vienne',
    description: o.description ?? `Courriels piégés envoyés depuis ${RED_EMAIL} au service des admissions.`,
    category: 'phishing',
    finess: '260018734',
    structure: 'CH de Vienne',
  });
  await db.run("INSERT INTO incident_services (incident_id, service) VALUES (?, 'MSSanté')", [id]);
  await addObservable(db, id, { type: 'ip', value: '185.220.101.4', tlp: 'GREEN', description: 'Serveur d’envoi' });
  await addObservable(db, id, { type: 'ip', value: '10.20.30.40', tlp: 'AMBER', description: 'Poste infecté' });
  await addObservable(db, id, { type: 'domain', value: 'evil-update.example', tlp: 'CLEAR' });
  await addObservable(db, id, { type: 'url', value: "https://evil-update.example/dl?f=a'b\\c", tlp: 'AMBER' });
  await addObservable(db, id, { type: 'hash', value: SHA256, hashType: 'sha256', tlp: 'GREEN' });
  await addObservable(db, id, { type: 'email', value: RED_EMAIL, tlp: 'RED' });
  await addObservable(db, id, { type: 'account', value: 'adm.dupont', tlp: 'AMBER+STRICT' });
  await addTimeline(db, id, { title: 'Premier courriel reçu', tlp: 'GREEN', content: `Expéditeur ${RED_EMAIL}`, iocs: [RED_EMAIL, 'evil-update.example'] });
  await addTimeline(db, id, { title: 'Poste isolé', at: T0 + HOUR });
  await addTimeline(db, id, { title: 'Source humaine', at: T0 + 2 * HOUR, tlp: 'RED' });
  await addTask(db, id, 'Bloquer le domaine sur la passerelle', 'done');
  await addTask(db, id, 'Prévenir les utilisateurs');
  await addEvidence(db, id, 'capture.pcap', 'RED');
  await addEvidence(db, id, 'entetes.eml', null);
  await updateBreach(db, { incidentId: id, awareAt: new Date(T0).toISOString(), risk: 'risk', nature: 'Identifiants saisis' }, 'rssi.dupont', T0 + HOUR);
  return id;
}
