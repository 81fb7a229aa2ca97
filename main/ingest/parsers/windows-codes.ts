/**
 * Well-known Windows event IDs → ECS category / action (and a fixed outcome
 * or severity when the ID itself says it). Keyed by channel family:
 * `security` (Security log / Microsoft-Windows-Security-Auditing), `sysmon`
 * (Microsoft-Windows-Sysmon/Operational), `system`, `powershell` (Windows
 * PowerShell and Microsoft-Windows-PowerShell/Operational).
 *
 * | Family | EventID | category | action | outcome / severity |
 * | --- | --- | --- | --- | --- |
 * | security | 4624 | authentication | user-login | success |
 * | security | 4625 | authentication | user-login | failure, low |
 * | security | 4634, 4647 | session | user-logout | success |
 * | security | 4648 | authentication | explicit-credentials-logon | |
 * | security | 4672 | iam | special-privileges-assigned | |
 * | security | 4688 / 4689 | process | process-start / process-end | |
 * | security | 4720 / 4722 / 4725 / 4726 / 4738 | iam | user-create / user-enable / user-disable / user-delete / user-modify | low for create/delete |
 * | security | 4723 / 4724 | iam | password-change / password-reset | |
 * | security | 4728, 4732, 4756 / 4729, 4733, 4757 | iam | group-member-add / group-member-remove | low |
 * | security | 4740 | iam | user-lockout | low |
 * | security | 4768 / 4769 / 4771 / 4776 | authentication | kerberos-tgt-request / kerberos-service-ticket / kerberos-preauth-failure / ntlm-validation | Status 0x0 = success |
 * | security | 1102 | configuration | audit-log-clear | high |
 * | security | 4697 | configuration | service-install | medium |
 * | security | 4698 / 4699 / 4702 | configuration | scheduled-task-create / -delete / -update | |
 * | security | 4719 | configuration | audit-policy-change | medium |
 * | security | 4656 / 4663 / 4658 / 4660 | file | object-handle-request / object-access / object-handle-close / object-delete | |
 * | security | 4657 | registry | registry-value-modify | |
 * | security | 4662 | iam | directory-object-operation | |
 * | security | 4673 / 4674 | iam | privileged-service-call / privileged-object-operation | |
 * | security | 4703 | iam | token-right-adjust | |
 * | security | 4627 | authentication | group-membership-info | |
 * | security | 4670 / 4690 | iam / file | object-permissions-change / object-handle-duplicate | |
 * | security | 5058 / 5061 | host | key-file-operation / cryptographic-operation | |
 * | security | 5379 / 5381, 5382 | iam | credential-manager-read / vault-credentials-read | |
 * | security | 4798 / 4799 | iam | user-groups-enumerate / group-members-enumerate | |
 * | security | 5140 / 5145 | network | network-share-access / network-share-check | |
 * | security | 5156 / 5157 / 5158 | network | connection-allowed / connection-blocked (failure) / port-bind | |
 * | sysmon | 1 / 5 | process | process-start / process-end | success |
 * | sysmon | 2 / 11 / 15 / 23 / 26 | file | file-creation-time-change / file-create / file-stream-create / file-delete / file-delete-detected | success |
 * | sysmon | 3 / 22 | network | network-connection / dns-query | success |
 * | sysmon | 6 / 7 | driver / process | driver-load / image-load | success |
 * | sysmon | 8 / 10 / 24 / 25 | process | remote-thread-create / process-access / clipboard-change / process-tampering | success |
 * | sysmon | 9 | file | raw-disk-read | success |
 * | sysmon | 12 / 13 / 14 | registry | registry-key-change / registry-value-set / registry-rename | success |
 * | sysmon | 17 / 18 | file | pipe-create / pipe-connect | success |
 * | sysmon | 19 / 20 / 21 | process | wmi-filter / wmi-consumer / wmi-binding | success |
 * | sysmon | 4 / 16 | configuration | sysmon-state-change / sysmon-config-change | success |
 * | system | 104 | configuration | audit-log-clear | high |
 * | system | 7045 / 7036 / 7040 / 7009 | configuration | service-install (medium) / service-state-change / service-start-type-change / service-timeout | |
 * | powershell | 400 / 403 / 600 / 800 | process | powershell-engine-start / -stop / provider-start / pipeline-execute | |
 * | powershell | 4103 / 4104 | process | powershell-module-log / powershell-script-block | |
 *
 * Anything else: category `host`, action `windows-event-<id>`; outcome from EventType/Keywords (Audit
 * Success/Failure) when present, else `unknown`; severity from Level (1 high, 2 medium, 3 low, else info).
 */
import type { Severity } from '../../api/contract';

export type ChannelFamily = 'security' | 'sysmon' | 'system' | 'powershell' | 'other';

export interface WindowsRule {
  category: string;
  action: string;
  outcome?: 'success' | 'failure';
  severity?: Severity;
  /** Field holding the user the event is about (default: TargetUserName, then SubjectUserName, User…). */
  user?: 'target' | 'subject';
  /** Kerberos/NTLM: the `Status` field decides the outcome (0x0 = success). */
  statusOutcome?: boolean;
}

const r = (category: string, action: string, extra: Partial<WindowsRule> = {}): WindowsRule => ({ category, action, ...extra });
const ok = { outcome: 'success' } as const;

export const WINDOWS_EVENTS: Readonly<Record<ChannelFamily, Readonly<Record<number, WindowsRule>>>> = {
  security: {
    4624: r('authentication', 'user-login', { outcome: 'success', user: 'target' }),
    4625: r('authentication', 'user-login', { outcome: 'failure', severity: 'low', user: 'target' }),
    4634: r('session', 'user-logout', { outcome: 'success', user: 'target' }),
    4647: r('session', 'user-logout', { outcome: 'success', user: 'target' }),
    4648: r('authentication', 'explicit-credentials-logon', { user: 'subject' }),
    4672: r('iam', 'special-privileges-assigned', { user: 'subject' }),
    4688: r('process', 'process-start', { user: 'subject' }),
    4689: r('process', 'process-end', { user: 'subject' }),
    4720: r('iam', 'user-create', { severity: 'low', user: 'target' }),
    4722: r('iam', 'user-enable', { user: 'target' }),
    4723: r('iam', 'password-change', { user: 'target' }),
    4724: r('iam', 'password-reset', { user: 'target' }),
    4725: r('iam', 'user-disable', { user: 'target' }),
    4726: r('iam', 'user-delete', { severity: 'low', user: 'target' }),
    4738: r('iam', 'user-modify', { user: 'target' }),
    4728: r('iam', 'group-member-add', { severity: 'low', user: 'subject' }),
    4732: r('iam', 'group-member-add', { severity: 'low', user: 'subject' }),
    4756: r('iam', 'group-member-add', { severity: 'low', user: 'subject' }),
    4729: r('iam', 'group-member-remove', { user: 'subject' }),
    4733: r('iam', 'group-member-remove', { user: 'subject' }),
    4757: r('iam', 'group-member-remove', { user: 'subject' }),
    4740: r('iam', 'user-lockout', { severity: 'low', user: 'target' }),
    4768: r('authentication', 'kerberos-tgt-request', { user: 'target', statusOutcome: true }),
    4769: r('authentication', 'kerberos-service-ticket', { user: 'target', statusOutcome: true }),
    4771: r('authentication', 'kerberos-preauth-failure', { outcome: 'failure', severity: 'low', user: 'target' }),
    4776: r('authentication', 'ntlm-validation', { user: 'target', statusOutcome: true }),
    1102: r('configuration', 'audit-log-clear', { severity: 'high', user: 'subject' }),
    4697: r('configuration', 'service-install', { severity: 'medium', user: 'subject' }),
    4698: r('configuration', 'scheduled-task-create', { user: 'subject' }),
    4699: r('configuration', 'scheduled-task-delete', { user: 'subject' }),
    4702: r('configuration', 'scheduled-task-update', { user: 'subject' }),
    4719: r('configuration', 'audit-policy-change', { severity: 'medium', user: 'subject' }),
    4656: r('file', 'object-handle-request', { user: 'subject' }),
    4663: r('file', 'object-access', { user: 'subject' }),
    4658: r('file', 'object-handle-close', { user: 'subject' }),
    4660: r('file', 'object-delete', { user: 'subject' }),
    4657: r('registry', 'registry-value-modify', { user: 'subject' }),
    4662: r('iam', 'directory-object-operation', { user: 'subject' }),
    4673: r('iam', 'privileged-service-call', { user: 'subject' }),
    4674: r('iam', 'privileged-object-operation', { user: 'subject' }),
    4703: r('iam', 'token-right-adjust', { user: 'subject' }),
    4627: r('authentication', 'group-membership-info', { user: 'target' }),
    4670: r('iam', 'object-permissions-change', { user: 'subject' }),
    4690: r('file', 'object-handle-duplicate', { user: 'subject' }),
    5058: r('host', 'key-file-operation', { user: 'subject' }),
    5061: r('host', 'cryptographic-operation', { user: 'subject' }),
    5379: r('iam', 'credential-manager-read', { user: 'subject' }),
    5381: r('iam', 'vault-credentials-read', { user: 'subject' }),
    5382: r('iam', 'vault-credentials-read', { user: 'subject' }),
    4798: r('iam', 'user-groups-enumerate', { user: 'subject' }),
    4799: r('iam', 'group-members-enumerate', { user: 'subject' }),
    5140: r('network', 'network-share-access', { user: 'subject' }),
    5145: r('network', 'network-share-check', { user: 'subject' }),
    5156: r('network', 'connection-allowed', ok),
    5157: r('network', 'connection-blocked', { outcome: 'failure' }),
    5158: r('network', 'port-bind', ok),
  },
  sysmon: {
    1: r('process', 'process-start', ok),
    2: r('file', 'file-creation-time-change', ok),
    3: r('network', 'network-connection', ok),
    4: r('configuration', 'sysmon-state-change', ok),
    5: r('process', 'process-end', ok),
    6: r('driver', 'driver-load', ok),
    7: r('process', 'image-load', ok),
    8: r('process', 'remote-thread-create', ok),
    9: r('file', 'raw-disk-read', ok),
    10: r('process', 'process-access', ok),
    11: r('file', 'file-create', ok),
    12: r('registry', 'registry-key-change', ok),
    13: r('registry', 'registry-value-set', ok),
    14: r('registry', 'registry-rename', ok),
    15: r('file', 'file-stream-create', ok),
    16: r('configuration', 'sysmon-config-change', ok),
    17: r('file', 'pipe-create', ok),
    18: r('file', 'pipe-connect', ok),
    19: r('process', 'wmi-filter', ok),
    20: r('process', 'wmi-consumer', ok),
    21: r('process', 'wmi-binding', ok),
    22: r('network', 'dns-query', ok),
    23: r('file', 'file-delete', ok),
    24: r('process', 'clipboard-change', ok),
    25: r('process', 'process-tampering', ok),
    26: r('file', 'file-delete-detected', ok),
  },
  system: {
    104: r('configuration', 'audit-log-clear', { severity: 'high' }),
    7045: r('configuration', 'service-install', { severity: 'medium' }),
    7036: r('configuration', 'service-state-change'),
    7040: r('configuration', 'service-start-type-change'),
    7009: r('configuration', 'service-timeout'),
  },
  powershell: {
    400: r('process', 'powershell-engine-start'),
    403: r('process', 'powershell-engine-stop'),
    600: r('process', 'powershell-provider-start'),
    800: r('process', 'powershell-pipeline-execute'),
    4103: r('process', 'powershell-module-log'),
    4104: r('process', 'powershell-script-block'),
  },
  other: {},
};

/** Channel (or provider) name → family. */
export function channelFamily(channel: string, provider: string): ChannelFamily {
  const c = channel.toLowerCase();
  const p = provider.toLowerCase();
  if (c === 'security' || p === 'microsoft-windows-security-auditing') return 'security';
  if (c.includes('sysmon') || p.includes('sysmon')) return 'sysmon';
  if (c.includes('powershell') || p.includes('powershell')) return 'powershell';
  if (c === 'system') return 'system';
  return 'other';
}

/** `windows.<channel>`: lower case, `Microsoft-Windows-` dropped, other punctuation → `_`. */
export function windowsDataset(channel: string): string {
  const name = channel
    .toLowerCase()
    .replace(/^microsoft-windows-/, '')
    .replace(/^windows\s+/, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return `windows.${name || 'unknown'}`;
}

/** Windows Level (1 critical, 2 error, 3 warning, 4 information, 0 log always) → severity. */
export function severityOfLevel(level: unknown): Severity {
  const n = typeof level === 'number' ? level : typeof level === 'string' ? Number(level.trim()) : NaN;
  if (n === 1) return 'high';
  if (n === 2) return 'medium';
  if (n === 3) return 'low';
  if (typeof level === 'string') {
    const l = level.toLowerCase();
    if (l === 'critical') return 'high';
    if (l === 'error') return 'medium';
    if (l === 'warning') return 'low';
  }
  return 'info';
}
