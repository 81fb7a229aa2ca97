/** Demo events of the syslog sources: SRI (Keycloak-based identity server), MSSanté relays, hospital PACS. */
import type { NormalizedEvent } from '../events/types';
import { DATASETS, EXTERNAL_MSS_DOMAINS, HUB_DOMAIN, HUB_HOSTS, HUB_IPS, LAST_NAMES, MODALITIES, pacsHost, type Structure } from './catalog';
import { mssAddress, orgAttributes, userFields, type DemoCtx } from './common';
import type { DemoPatient, DemoUser } from './people';
import { PRI, syslog5424 } from './raw';

export type SriMethod = 'psc-cps' | 'psc-ecps' | 'password';
const METHOD_LABEL: Record<SriMethod, string> = {
  'psc-cps': 'Pro Santé Connect (carte CPS)',
  'psc-ecps': 'Pro Santé Connect (e-CPS)',
  password: 'mot de passe',
};
const SRI_ERRORS: Record<string, string> = {
  invalid_user_credentials: 'identifiants invalides',
  user_not_found: 'utilisateur inconnu',
  access_denied: 'authentification refusée par Pro Santé Connect',
  expired_code: 'code expiré',
};

export interface SriLogin {
  user: DemoUser | null;
  /** Login typed, when no known user (brute force on guessed names). */
  login?: string;
  ip: string;
  outcome: 'success' | 'failure';
  method: SriMethod;
  client: string;
  error?: keyof typeof SRI_ERRORS;
  /** Extra words for the message, e.g. a missing second factor. */
  note?: string;
}

export function sriLogin(ctx: DemoCtx, ts: number, p: SriLogin): NormalizedEvent {
  const host = ctx.rng.pick(HUB_HOSTS.SRI);
  const login = p.user?.login ?? p.login ?? 'unknown';
  const realm = p.method === 'password' ? 'admin' : 'psc';
  const ok = p.outcome === 'success';
  const error = p.error ?? 'invalid_user_credentials';
  const params: Record<string, string> = {
    type: ok ? 'LOGIN' : 'LOGIN_ERROR',
    realmId: realm,
    clientId: p.client,
    userId: p.user?.id ?? '',
    username: login,
    ipAddress: p.ip,
    auth_method: p.method,
  };
  if (!ok) params.error = error;
  const message = ok
    ? `Connexion réussie de ${login} via ${METHOD_LABEL[p.method]} sur ${p.client}${p.note ? ` (${p.note})` : ''}`
    : `Échec de connexion pour ${login} depuis ${p.ip} : ${SRI_ERRORS[error]}`;
  return {
    '@timestamp': new Date(ts),
    'event.dataset': DATASETS.SRI,
    'service.name': 'SRI',
    'host.name': host,
    'process.name': 'keycloak',
    'event.severity': ok ? 'info' : 'low',
    'event.category': 'authentication',
    'event.action': 'user-login',
    'event.outcome': p.outcome,
    ...(p.user ? userFields(p.user) : { 'user.name': login }),
    'source.ip': p.ip,
    'destination.ip': HUB_IPS[host],
    message,
    'event.original': syslog5424({
      pri: ok ? PRI.authprivInfo : PRI.authprivWarning,
      ts, host, app: 'keycloak', procid: 1187, msgid: params.type,
      sd: { id: 'kc', params },
      msg: ok ? `Login succeeded for ${login}` : `Login failed for ${login}: ${error}`,
    }),
    attributes: { 'sri.realm': realm, 'sri.client_id': p.client, ...(p.user ? orgAttributes(p.user) : {}) },
  };
}

/** Second factor (e-CPS push or TOTP for admin accounts). */
export function sriMfa(ctx: DemoCtx, ts: number, p: { user: DemoUser; ip: string; outcome: 'success' | 'failure' }): NormalizedEvent {
  const host = ctx.rng.pick(HUB_HOSTS.SRI);
  const factor = p.user.role === 'administrateur' ? 'otp' : 'e-cps-push';
  const ok = p.outcome === 'success';
  return {
    '@timestamp': new Date(ts),
    'event.dataset': DATASETS.SRI,
    'service.name': 'SRI',
    'host.name': host,
    'process.name': 'keycloak',
    'event.severity': ok ? 'info' : 'low',
    'event.category': 'authentication',
    'event.action': 'mfa-challenge',
    'event.outcome': p.outcome,
    ...userFields(p.user),
    'source.ip': p.ip,
    'destination.ip': HUB_IPS[host],
    message: ok ? `Second facteur (${factor}) validé pour ${p.user.login}` : `Second facteur (${factor}) non validé pour ${p.user.login} : délai dépassé`,
    'event.original': syslog5424({
      pri: ok ? PRI.authprivInfo : PRI.authprivWarning,
      ts, host, app: 'keycloak', procid: 1187, msgid: ok ? 'MFA_VALIDATED' : 'MFA_ERROR',
      sd: { id: 'kc', params: { type: ok ? 'MFA_VALIDATED' : 'MFA_ERROR', userId: p.user.id, username: p.user.login, ipAddress: p.ip, factor, ...(ok ? {} : { error: 'timeout' }) } },
      msg: `Second factor ${factor} ${ok ? 'validated' : 'timed out'} for ${p.user.login}`,
    }),
    attributes: orgAttributes(p.user),
  };
}

export function sriLogout(ctx: DemoCtx, ts: number, p: { user: DemoUser; ip: string }): NormalizedEvent {
  const host = ctx.rng.pick(HUB_HOSTS.SRI);
  return {
    '@timestamp': new Date(ts),
    'event.dataset': DATASETS.SRI,
    'service.name': 'SRI',
    'host.name': host,
    'process.name': 'keycloak',
    'event.severity': 'info',
    'event.category': 'authentication',
    'event.action': 'user-logout',
    'event.outcome': 'success',
    ...userFields(p.user),
    'source.ip': p.ip,
    'destination.ip': HUB_IPS[host],
    message: `Déconnexion de ${p.user.login}`,
    'event.original': syslog5424({
      pri: PRI.authprivInfo, ts, host, app: 'keycloak', procid: 1187, msgid: 'LOGOUT',
      sd: { id: 'kc', params: { type: 'LOGOUT', userId: p.user.id, username: p.user.login, ipAddress: p.ip } },
      msg: `Logout ${p.user.login}`,
    }),
    attributes: orgAttributes(p.user),
  };
}

/** One MSSanté delivery: a user sends to a correspondent, or receives from one. */
export function mssMail(ctx: DemoCtx, ts: number, p: { user: DemoUser; direction: 'send' | 'receive'; bounced?: boolean }): NormalizedEvent {
  const { rng } = ctx;
  const host = rng.pick(HUB_HOSTS.MSSante);
  const own = mssAddress(p.user);
  const peer = rng.chance(0.3)
    ? mssAddress(rng.pick(ctx.users))
    : `${rng.pick(['dr', 'cabinet', 'secretariat'])}.${rng.pick(LAST_NAMES).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()}@${rng.pick(EXTERNAL_MSS_DOMAINS)}`;
  const send = p.direction === 'send';
  const failed = send && p.bounced === true;
  const qid = rng.hex(10).toUpperCase();
  const peerDomain = peer.split('@')[1];
  const relay = send ? `mx.${peerDomain}[${'194.2'}.${rng.int(0, 255)}.${rng.int(1, 254)}]:25` : `mss-store-01.${HUB_DOMAIN}[private/dovecot-lmtp]`;
  const status = failed
    ? `dsn=5.1.1, status=bounced (host mx.${peerDomain} said: 550 5.1.1 <${peer}>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command))`
    : send
      ? `dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as ${rng.hex(10).toUpperCase()})`
      : `dsn=2.0.0, status=sent (250 2.0.0 <${own}> ${rng.hex(6)} Saved)`;
  const to = send ? peer : own;
  const from = send ? own : peer;
  const delay = (0.1 + rng.next() * 1.4).toFixed(2);
  return {
    '@timestamp': new Date(ts),
    'event.dataset': DATASETS.MSSante,
    'service.name': 'MSSante',
    'host.name': host,
    'process.name': send ? 'postfix/smtp' : 'postfix/lmtp',
    'event.severity': failed ? 'low' : 'info',
    'event.category': 'email',
    'event.action': send ? 'email-send' : 'email-receive',
    'event.outcome': failed ? 'failure' : 'success',
    ...userFields(p.user),
    'source.ip': HUB_IPS[host],
    message: failed
      ? `Message MSSanté de ${from} rejeté par ${peerDomain} : destinataire inconnu`
      : send ? `Message MSSanté envoyé de ${from} à ${to}` : `Message MSSanté reçu de ${from} pour ${to}`,
    'event.original': syslog5424({
      pri: failed ? PRI.mailWarning : PRI.mailInfo,
      ts, host, app: send ? 'postfix/smtp' : 'postfix/lmtp', procid: rng.int(2000, 32000),
      msg: `${qid}: to=<${to}>, relay=${relay}, delay=${delay}, delays=0.02/0.01/${(Number(delay) / 2).toFixed(2)}/${(Number(delay) / 3).toFixed(2)}, ${status}`,
    }),
    attributes: { 'email.from.address': from, 'email.to.address': to, 'email.local_id': qid, ...orgAttributes(p.user) },
  };
}

function studyUid(ctx: DemoCtx, s: Structure, ts: number): string {
  const d = new Date(ts).toISOString().slice(0, 10).replace(/-/g, '');
  return `1.2.250.1.213.4.${s.subnet}.${d}.${ctx.rng.int(100000, 999999)}`;
}

/** A practitioner retrieves a study (viewer, C-MOVE/WADO-RS), as audited by the hospital's PACS (DICOM audit over syslog). */
export function pacsRetrieve(ctx: DemoCtx, ts: number, p: { user: DemoUser; patient: DemoPatient; ip: string }): NormalizedEvent {
  const s = p.user.structure;
  const host = pacsHost(s);
  const uid = studyUid(ctx, s, ts - ctx.rng.int(0, 30) * 86_400_000);
  const images = ctx.rng.int(1, 600);
  const proto = ctx.rng.chance(0.6) ? 'WADO-RS' : 'C-MOVE';
  return {
    '@timestamp': new Date(ts),
    'event.dataset': DATASETS.PACS,
    'service.name': 'PACS',
    'host.name': host,
    'process.name': 'dcm4chee-arc',
    'event.severity': 'info',
    'event.category': 'database',
    'event.action': 'study-retrieve',
    'event.outcome': 'success',
    ...userFields(p.user),
    'source.ip': p.ip,
    'health.patient.pseudonym': p.patient.pseudonym,
    'health.object': uid,
    'health.purpose_of_use': 'TREAT',
    message: `Étude ${uid} (${images} images) consultée par ${p.user.login} via ${proto}`,
    'event.original': syslog5424({
      pri: PRI.authprivNotice, ts, host, app: 'dcm4chee-arc', procid: 4211, msgid: 'DICOM+110104',
      sd: {
        id: 'dicom',
        params: {
          eventID: '110104', eventTypeCode: proto, outcome: '0', studyUID: uid, numberOfInstances: images,
          patientID: p.patient.pseudonym, userID: p.user.id, networkAccessPoint: p.ip,
        },
      },
      msg: `DICOM Instances Transferred: ${images} instances of ${uid} to ${p.user.login}`,
    }),
    attributes: { 'dicom.protocol': proto, 'dicom.instances': images, ...orgAttributes(p.user) },
  };
}

/** A modality stores a study on the hospital PACS (C-STORE); failures carry the archive's error. */
export function pacsStore(ctx: DemoCtx, ts: number, p: { structure: Structure; patient: DemoPatient; error?: string }): NormalizedEvent {
  const s = p.structure;
  const host = pacsHost(s);
  const aet = ctx.rng.pick(MODALITIES);
  const modalityIp = `10.${s.subnet}.200.${10 + MODALITIES.indexOf(aet)}`;
  const uid = studyUid(ctx, s, ts);
  const images = ctx.rng.int(1, 900);
  const failed = p.error !== undefined;
  return {
    '@timestamp': new Date(ts),
    'event.dataset': DATASETS.PACS,
    'service.name': 'PACS',
    'host.name': host,
    'process.name': 'dcm4chee-arc',
    'event.severity': failed ? 'medium' : 'info',
    'event.category': 'database',
    'event.action': 'study-store',
    'event.outcome': failed ? 'failure' : 'success',
    'source.ip': modalityIp,
    'health.patient.pseudonym': p.patient.pseudonym,
    'health.object': uid,
    message: failed ? `Échec de stockage de l'étude ${uid} envoyée par ${aet} : ${p.error}` : `Étude ${uid} (${images} images) reçue de ${aet}`,
    'event.original': syslog5424({
      pri: failed ? PRI.local4Err : PRI.authprivNotice, ts, host, app: 'dcm4chee-arc', procid: 4211, msgid: 'DICOM+110104',
      sd: {
        id: 'dicom',
        params: {
          eventID: '110104', eventTypeCode: 'C-STORE', outcome: failed ? '8' : '0', studyUID: uid, numberOfInstances: images,
          patientID: p.patient.pseudonym, callingAET: aet, networkAccessPoint: modalityIp,
        },
      },
      msg: failed ? `C-STORE-RSP status=A700 from ${aet}: ${p.error}` : `DICOM Instances Transferred: ${images} instances of ${uid} from ${aet}`,
    }),
    attributes: { 'dicom.calling_aet': aet, 'dicom.instances': images, 'organization.id': s.finess, 'organization.name': s.name },
  };
}
