/**
 * A small FHIR server for connector tests: serves the REAL HL7 AuditEvent
 * examples (fixtures/fhir-auditevent, CC0) as a searchset Bundle, honours
 * `_lastUpdated` (ge/gt/le/lt/eq prefixes), `_sort=_lastUpdated`, `_count`
 * and pages with `link[relation=next]` (`_offset`), and requires a bearer token.
 */
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { FIXTURES } from './helpers';

export interface AuditEventResource {
  resourceType: 'AuditEvent';
  id: string;
  meta: { versionId: string; lastUpdated: string };
  [k: string]: unknown;
}

export function loadExamples(release: 'r4' | 'r5'): Record<string, unknown>[] {
  const dir = path.join(FIXTURES, 'fhir-auditevent', release, 'examples');
  return readdirSync(dir)
    .filter((f) => f.startsWith('AuditEvent-') && f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Record<string, unknown>);
}

/** Gives each example the meta a server would: version 1, lastUpdated one minute apart from `start` (or as given). */
export function withMeta(examples: Record<string, unknown>[], start: number, sameAs: Record<number, number> = {}): AuditEventResource[] {
  const stamps = examples.map((_e, i) => new Date(start + i * 60_000).toISOString().replace('Z', '+00:00'));
  for (const [i, j] of Object.entries(sameAs)) stamps[Number(i)] = stamps[j];
  return examples.map((e, i) => ({ ...e, meta: { versionId: '1', lastUpdated: stamps[i] } }) as AuditEventResource);
}

function matches(value: number, filter: string): boolean {
  const m = /^(ge|gt|le|lt|eq)?(.+)$/.exec(filter);
  if (!m) return false;
  const at = Date.parse(m[2]);
  switch (m[1] ?? 'eq') {
    case 'ge':
      return value >= at;
    case 'gt':
      return value > at;
    case 'le':
      return value <= at;
    case 'lt':
      return value < at;
    default:
      return value === at;
  }
}

export interface FhirTestServer {
  base: string;
  resources: AuditEventResource[];
  requests: string[];
  close(): Promise<void>;
}

export async function startFhirServer(resources: AuditEventResource[], token: string): Promise<FhirTestServer> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url.pathname + url.search);
    if (req.headers.authorization !== `Bearer ${token}`) {
      res.writeHead(401, { 'content-type': 'application/fhir+json' });
      res.end(JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login' }] }));
      return;
    }
    if (url.pathname !== '/fhir/AuditEvent') {
      res.writeHead(404).end();
      return;
    }
    const filters = url.searchParams.getAll('_lastUpdated');
    const count = Number(url.searchParams.get('_count') ?? 50);
    const offset = Number(url.searchParams.get('_offset') ?? 0);
    const matching = resources
      .filter((r) => filters.every((f) => matches(Date.parse(r.meta.lastUpdated), f)))
      .sort((a, b) => Date.parse(a.meta.lastUpdated) - Date.parse(b.meta.lastUpdated) || a.id.localeCompare(b.id));
    const page = matching.slice(offset, offset + count);
    const link = [{ relation: 'self', url: `${base}/AuditEvent${url.search}` }];
    if (offset + count < matching.length) {
      const next = new URLSearchParams(url.searchParams);
      next.set('_offset', String(offset + count));
      link.push({ relation: 'next', url: `${base}/AuditEvent?${next.toString()}` });
    }
    res.writeHead(200, { 'content-type': 'application/fhir+json' });
    res.end(
      JSON.stringify({
        resourceType: 'Bundle',
        type: 'searchset',
        total: matching.length,
        link,
        entry: page.map((r) => ({ fullUrl: `${base}/AuditEvent/${r.id}`, resource: r, search: { mode: 'match' } })),
      }),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}/fhir`;
  return {
    base,
    resources,
    requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
