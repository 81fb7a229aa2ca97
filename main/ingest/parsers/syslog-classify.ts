/**
 * A small, deliberate set of well-known syslog messages turned into ECS
 * category / action / outcome (everything else stays `host` / `syslog-message`
 * / `unknown`):
 *
 * | program | message | category / action / outcome |
 * | --- | --- | --- |
 * | sshd | `Accepted <method> for <user> from <ip> port <n>` | authentication / user-login / success |
 * | sshd | `Failed <method> for [invalid user ]<user> from <ip> port <n>` | authentication / user-login / failure |
 * | sshd | `Invalid user <user> from <ip>` | authentication / invalid-user / failure |
 * | sshd | `reverse mapping checking … [<ip>] failed - POSSIBLE BREAK-IN ATTEMPT!` | network / reverse-mapping-failed / failure |
 * | sshd | `Connection closed by <ip>`, `Received disconnect from <ip>`, `Disconnected from … <ip>` | network / connection-closed / unknown |
 * | any PAM program | `authentication failure; … rhost=<host> user=<user>` | authentication / pam-authentication / failure |
 * | any PAM program | `session opened` / `session closed for user <user>` | session / session-start / session-end, success |
 * | su | `'su root' failed for <user> on <tty>` (RFC 3164), `FAILED SU (to root) <user> on <tty>`, `FAILED su for root by <user>` | authentication / su / failure |
 * | su | `Successful su for root by <user>`, `(to root) <user> on <tty>` | authentication / su / success |
 * | sudo | `<user> : TTY=… ; PWD=… ; USER=<target> ; COMMAND=<cmd>` | process / sudo-command / success |
 * | sudo | `<user> : 3 incorrect password attempts ; …`, `user NOT in sudoers ; …` | authentication / sudo / failure |
 * | keycloak | event `type=LOGIN`, `LOGIN_ERROR`, `LOGOUT`, `*_ERROR` (in SD or in the message) | authentication / user-login, user-logout… / success or failure |
 *
 * `message repeated N times: [ … ]` is classified by its inner message.
 */
import { isIP } from 'node:net';
import type { Outcome } from '../../events/types';
import { kebab } from './syslog-common';
import type { StructuredData } from './syslog-5424';

export interface Classification {
  category: string;
  action: string;
  outcome: Outcome;
  userName?: string;
  userId?: string;
  sourceIp?: string;
  attrs: Record<string, unknown>;
}

function withSource(c: Classification, host: string | undefined): Classification {
  if (!host) return c;
  if (isIP(host)) c.sourceIp = host;
  else c.attrs['source.domain'] = host;
  return c;
}

const make = (category: string, action: string, outcome: Outcome, userName?: string, attrs: Record<string, unknown> = {}): Classification => ({
  category, action, outcome, ...(userName ? { userName } : {}), attrs,
});

function sshd(msg: string): Classification | null {
  let m = /^Accepted (\S+) for (\S+) from (\S+) port (\d+)/.exec(msg);
  if (m) return withSource(make('authentication', 'user-login', 'success', m[2], { 'source.port': Number(m[4]), 'ssh.auth_method': m[1] }), m[3]);
  // The attempted user name is logged verbatim (it may be empty or hold spaces).
  m = /^Failed (\S+) for (invalid user )?(.{0,256}?) from (\S+) port (\d+)/.exec(msg);
  if (m) {
    const attrs: Record<string, unknown> = { 'source.port': Number(m[5]), 'ssh.auth_method': m[1] };
    if (m[2]) attrs['ssh.invalid_user'] = true;
    return withSource(make('authentication', 'user-login', 'failure', m[3].trim() || undefined, attrs), m[4]);
  }
  m = /^Invalid user (.{0,256}?) from (\S+)/.exec(msg);
  if (m) return withSource(make('authentication', 'invalid-user', 'failure', m[1].trim() || undefined), m[2]);
  m = /^reverse mapping checking getaddrinfo for \S+ \[([^\]]+)\] failed - POSSIBLE BREAK-IN ATTEMPT/.exec(msg);
  if (m) return withSource(make('network', 'reverse-mapping-failed', 'failure'), m[1]);
  m = /^(?:Connection closed by|Received disconnect from|Disconnected from)(?: (?:invalid |authenticating )?user \S+)? (\S+?)(?::| port|$| )/.exec(msg);
  if (m) return withSource(make('network', 'connection-closed', 'unknown'), m[1]);
  return null;
}

function pam(msg: string): Classification | null {
  const body = msg.replace(/^pam_unix\([^)]*\): /, '');
  if (/^authentication failure;/.test(body)) {
    const user = / user=(\S+)/.exec(body)?.[1];
    const rhost = / rhost=(\S+)/.exec(body)?.[1];
    return withSource(make('authentication', 'pam-authentication', 'failure', user), rhost);
  }
  const m = /^session (opened|closed) for user (\S+)/.exec(body);
  if (m) return make('session', m[1] === 'opened' ? 'session-start' : 'session-end', 'success', m[2]);
  return null;
}

function su(msg: string): Classification | null {
  let m = /^'su (\S+)' failed for (\S+) on (\S+)/.exec(msg) ?? /^FAILED SU \(to (\S+)\) (\S+) on (\S+)/.exec(msg);
  if (m) return make('authentication', 'su', 'failure', m[2], { 'user.target.name': m[1], 'process.tty.name': m[3] });
  m = /^(FAILED|Successful) su for (\S+) by (\S+)/.exec(msg);
  if (m) return make('authentication', 'su', m[1] === 'FAILED' ? 'failure' : 'success', m[3], { 'user.target.name': m[2] });
  m = /^\(to (\S+)\) (\S+) on (\S+)/.exec(msg);
  if (m) return make('authentication', 'su', 'success', m[2], { 'user.target.name': m[1], 'process.tty.name': m[3] });
  return null;
}

function sudo(msg: string): Classification | null {
  const m = /^\s*(\S+) : (?:([^;]*?) ; )?TTY=(\S+) ; PWD=(.*?) ; USER=(\S+) ;(?: [A-Z]+=\S+ ;)* COMMAND=(.*)$/.exec(msg);
  if (!m) return null;
  const attrs = { 'user.effective.name': m[5], 'process.command_line': m[6], 'process.working_directory': m[4] };
  if (m[2]) return make('authentication', 'sudo', 'failure', m[1], { ...attrs, 'event.reason': m[2] });
  return make('process', 'sudo-command', 'success', m[1], attrs);
}

const KC_ACTIONS: Readonly<Record<string, string>> = { LOGIN: 'user-login', LOGOUT: 'user-logout', MFA: 'mfa-challenge', MFA_VALIDATED: 'mfa-challenge' };

function keycloak(msg: string, sd: StructuredData | null): Classification | null {
  let params: Record<string, string> | null = null;
  if (sd) {
    for (const id of Object.keys(sd)) {
      const el = sd[id];
      if (typeof el.type !== 'string') continue;
      params = {};
      for (const k of ['type', 'username', 'userId', 'ipAddress', 'realmId', 'clientId', 'error']) {
        const v = Object.prototype.hasOwnProperty.call(el, k) ? el[k] : undefined;
        if (v !== undefined) params[k] = Array.isArray(v) ? v[0] : v;
      }
      break;
    }
  }
  if (!params) {
    const found: Record<string, string> = {};
    const re = /\b([A-Za-z_]+)="?([^",\s]*)"?/g;
    for (let m = re.exec(msg); m; m = re.exec(msg)) found[m[1]] = m[2];
    if (!/^[A-Z_]+$/.test(found.type ?? '')) return null;
    params = found;
  }
  const type = params.type ?? '';
  if (!/^[A-Z][A-Z_]{1,40}$/.test(type)) return null;
  const failed = type.endsWith('_ERROR') || (params.error !== undefined && params.error !== '');
  const base = type.replace(/_ERROR$/, '');
  const action = KC_ACTIONS[base] ?? (base.startsWith('MFA') ? 'mfa-challenge' : kebab(base));
  const attrs: Record<string, unknown> = {};
  if (params.realmId) attrs['keycloak.realm_id'] = params.realmId;
  if (params.clientId) attrs['keycloak.client_id'] = params.clientId;
  if (params.error) attrs['error.code'] = params.error;
  const c = make('authentication', action, failed ? 'failure' : 'success', params.username || undefined, attrs);
  if (params.userId) c.userId = params.userId;
  return withSource(c, params.ipAddress || undefined);
}

/** Program name without path or PAM module: `sshd(pam_unix)` → `sshd`, `/usr/sbin/sshd` → `sshd`. */
export function programOf(app: string | null): string {
  if (!app) return '';
  return app.replace(/\(.*$/, '').replace(/^\/.*\//, '').toLowerCase();
}

/** Messages longer than this are not classified (keeps the regexes' cost bounded). */
const MAX_CLASSIFIED = 4096;

export function classifySyslog(app: string | null, msg: string, sd: StructuredData | null): Classification | null {
  if (msg.length > MAX_CLASSIFIED) return null;
  const repeated = /^message repeated (\d+) times: \[ ?(.*?) ?\]$/.exec(msg);
  if (repeated) {
    const inner = classifySyslog(app, repeated[2], sd);
    if (inner) inner.attrs['log.syslog.repeat_count'] = Number(repeated[1]);
    return inner;
  }
  const program = programOf(app);
  const pamTagged = app !== null && /\(pam_unix\)/.test(app);
  if (program === 'sshd') return sshd(msg) ?? pam(msg);
  if (program === 'su') return su(msg) ?? pam(msg);
  if (program === 'sudo') return sudo(msg) ?? pam(msg);
  if (program.includes('keycloak')) return keycloak(msg, sd);
  if (pamTagged || msg.startsWith('pam_unix(')) return pam(msg);
  return null;
}
