/**
 * What the Rules page needs: the list (with why an enabled rule did not
 * load), the load report, live validation with lines, imports, saving an
 * edited rule, and "test on the last N days" (hits only, no alert).
 */
import { parse } from 'yaml';
import type {
  DetectionLoadReport, DetectionRuleRow, RuleDetail, RuleImportReport, RuleProblem, RuleTestHit, RuleTestResult, RuleValidation,
} from '../../api/ops/detection';
import { VigieError } from '../../api/errors';
import { readImportFiles, storeRuleDocs, type RuleUnit } from '../rules-store';
import { splitDocuments } from '../rules-store-builtin';
import { Detector } from '../sigma/detector';
import { summarizeLoad } from '../sigma/report';
import { documentKind } from '../sigma/schema';
import type { AnyRule } from '../sigma/types';
import { Deriver, loadDeriveLists } from './derive';
import { eventsOf, groupKeyOf, groupOf } from './hits';
import { globalWatchlist } from './lists';
import { toProblem } from './problems';
import { type CompiledSet, compileRuleSet, type UnitText } from './ruleset';
import { scanRange } from './scan';
import type { DetectionService } from './service';

const EDITOR = 'editeur';
const TEST_MAX_EVENTS = 500_000;
const TEST_MAX_HITS = 500;

function docOf(text: string): Record<string, unknown> {
  try {
    const v: unknown = parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function logsourceText(rule: AnyRule | undefined, doc: Record<string, unknown>): string {
  if (rule?.kind === 'correlation') return `correlation ${rule.type}`;
  const ls = (rule?.kind === 'rule' ? rule.logsource : (doc.logsource as Record<string, unknown> | undefined)) ?? {};
  const l = ls as Record<string, unknown>;
  if (doc.correlation && !rule) return 'correlation';
  return ['product', 'category', 'service'].map((k) => `${k}=${str(l[k]) ?? '*'}`).join(' ');
}

export function ruleRow(u: RuleUnit, set: CompiledSet): DetectionRuleRow {
  const rule = set.byId.get(u.id);
  const doc = docOf(u.text);
  const kind = documentKind(doc) ?? 'unknown';
  const level = rule?.level ?? str(doc.level);
  const rej = u.enabled ? set.rejectedById.get(u.id) : undefined;
  return {
    id: u.id,
    title: rule?.title ?? str(doc.title) ?? u.id,
    kind,
    level: (level as DetectionRuleRow['level']) ?? null,
    status: rule?.status ?? str(doc.status),
    enabled: u.enabled,
    origin: u.origin,
    logsource: logsourceText(rule, doc),
    description: rule?.description ?? str(doc.description) ?? '',
    generates: rule ? rule.generate : false,
    rejected: rej ? { code: rej.code, reason: rej.reason } : null,
    file: u.file,
    updatedAt: u.updatedAt === null ? null : new Date(u.updatedAt).toISOString(),
    updatedBy: u.updatedBy,
  };
}

export function listRules(service: DetectionService): DetectionRuleRow[] {
  return service.ruleUnits.map((u) => ruleRow(u, service.set));
}

export function ruleDetail(service: DetectionService, id: string): RuleDetail {
  const u = service.ruleUnits.find((x) => x.id === id);
  if (!u) throw new VigieError('NOT_FOUND', `Règle ${id} introuvable.`);
  return { ...ruleRow(u, service.set), text: u.text };
}

export function loadReport(service: DetectionService): DetectionLoadReport {
  const r = summarizeLoad(service.set.load);
  const texts = new Map(service.ruleUnits.map((u) => [`${u.file}#${u.id}`, u.text]));
  return {
    documents: r.documents,
    loaded: r.loaded,
    rejected: r.rejected,
    byCode: r.byCode as Record<string, number>,
    rejections: r.rejections.map((x) => toProblem(x, texts.get(x.file))),
    warnings: r.warnings,
  };
}

/** The other enabled units (those not redefined by `ids`), for references to resolve. */
function others(service: DetectionService, ids: ReadonlySet<string>): UnitText[] {
  return service.ruleUnits.filter((u) => u.enabled && !ids.has(u.id));
}

async function compileWith(service: DetectionService, extra: UnitText[], ids: ReadonlySet<string>): Promise<CompiledSet> {
  return compileRuleSet([...others(service, ids), ...extra], await globalWatchlist(service.db), service.timezone);
}

/** Validates an editor text (one or more documents) against the loaded rules. */
export async function validateText(service: DetectionService, text: string): Promise<RuleValidation & { set?: CompiledSet }> {
  const split = splitDocuments(text, EDITOR);
  if (split.errors.length) {
    const e = split.errors[0];
    return { ok: false, documents: [], problems: [{ file: EDITOR, doc: e.doc, id: null, title: null, line: e.line ?? null, code: 'yaml', reason: e.reason }] };
  }
  const ids = new Set(split.docs.map((d) => d.id).filter((x): x is string => !!x));
  const set = await compileWith(service, [{ id: EDITOR, file: '', text }], ids);
  const problems = set.load.rejected.filter((r) => r.file === EDITOR).map((r) => toProblem(r, text));
  const documents = split.docs.map((d) => ({ id: d.id ?? null, title: d.title ?? null, kind: documentKind(docOf(d.text)) ?? ('unknown' as const) }));
  if (documents.length === 0) problems.push({ file: EDITOR, doc: 0, id: null, title: null, line: 1, code: 'not-sigma', reason: 'texte vide' });
  return { ok: problems.length === 0, documents, problems, set };
}

export async function saveRule(service: DetectionService, input: { id?: string; text: string }, actor: string): Promise<RuleValidation> {
  const { set, ...v } = await validateText(service, input.text);
  if (!v.ok || !set) return v;
  if (v.documents.length !== 1 || !v.documents[0].id) {
    return { ...v, ok: false, problems: [{ file: EDITOR, doc: 0, id: null, title: null, line: 1, code: 'schema', reason: 'une règle enregistrée est un seul document Sigma avec un id' }] };
  }
  const id = v.documents[0].id;
  if (input.id !== undefined && input.id !== id) throw new VigieError('VALIDATION', `L’id du texte (${id}) ne correspond pas à la règle modifiée (${input.id}).`);
  const doc = splitDocuments(input.text, EDITOR).docs[0];
  const existing = service.ruleUnits.find((u) => u.id === id);
  await storeRuleDocs(service.db, [{ ...doc, file: existing?.file || `${id}.yml` }], 'custom', actor);
  await service.reload();
  return v;
}

export async function importRules(service: DetectionService, files: { name: string; text: string }[], actor: string): Promise<RuleImportReport> {
  const { docs, errors } = readImportFiles(files);
  const rejected: RuleProblem[] = errors.map((e) => ({ file: e.file, doc: e.doc, id: null, title: null, line: e.line ?? null, code: 'yaml', reason: e.reason }));
  const withId = docs.filter((d) => {
    if (d.id) return true;
    rejected.push({ file: d.file, doc: d.doc, id: null, title: d.title ?? null, line: 1, code: 'schema', reason: 'id: attribut requis pour conserver le document' });
    return false;
  });
  const ids = new Set(withId.map((d) => d.id as string));
  const set = await compileWith(service, withId.map((d) => ({ id: d.id as string, file: d.file, text: d.text })), ids);
  const byName = new Map(withId.map((d) => [`${d.file}#${d.id}`, d]));
  for (const r of set.load.rejected) {
    const d = byName.get(r.file);
    if (d) rejected.push({ ...toProblem(r, d.text), file: d.file, doc: d.doc });
  }
  const loaded = withId.filter((d) => set.byId.has(d.id as string));
  if (loaded.length) {
    await storeRuleDocs(service.db, loaded, 'imported', actor);
    await service.reload();
  }
  return {
    documents: docs.length + errors.length,
    loaded: loaded.map((d) => ({ id: d.id as string, title: d.title ?? (d.id as string), file: d.file })),
    rejected,
  };
}

/** Runs a rule (stored, or a text being edited) over the last `days` days: the hits, nothing written. */
export async function testRecent(service: DetectionService, input: { text?: string; ruleId?: string; days: number }, now = Date.now()): Promise<RuleTestResult> {
  let set: CompiledSet;
  let wanted: Set<string>;
  let problems: RuleProblem[] = [];
  if (input.text !== undefined) {
    const v = await validateText(service, input.text);
    problems = v.problems;
    if (!v.set) return { scanned: 0, total: 0, hits: [], truncated: false, problems };
    set = v.set;
    wanted = new Set(v.documents.map((d) => d.id).filter((x): x is string => !!x && set.byId.has(x)));
  } else {
    set = service.set;
    const id = input.ruleId as string;
    if (!set.byId.has(id)) throw new VigieError('NOT_FOUND', `Règle ${id} non chargée (désactivée, rejetée ou inconnue).`);
    wanted = new Set([id]);
  }
  const result: RuleTestResult = { scanned: 0, total: 0, hits: [], truncated: false, problems };
  if (wanted.size === 0) return result;
  const detector = new Detector(set.load);
  const deriver = new Deriver(await loadDeriveLists(service.db), { timezone: service.timezone, learningMs: service.learningMs });
  const keep = (hits: ReturnType<Detector['process']>) => {
    for (const h of hits) {
      if (!wanted.has(h.rule.id)) continue;
      result.total++;
      if (result.hits.length >= TEST_MAX_HITS) continue;
      const hit: RuleTestHit = {
        ruleId: h.rule.id,
        title: h.rule.title,
        level: h.rule.level ?? null,
        at: new Date(h.time).toISOString(),
        groupKey: groupKeyOf(groupOf(h, set)),
        eventIds: eventsOf(h).map((e) => e.id),
      };
      result.hits.push(hit);
    }
  };
  await scanRange(service.db, { from: now - input.days * 86_400_000, to: now }, 2000, async (events) => {
    await deriver.prefetch(service.db, events.map((e) => e.event));
    for (const e of events) {
      deriver.derive(e.event, e.ts);
      keep(detector.process(e.event, e.id));
    }
    result.scanned += events.length;
    deriver.discard();
    if (result.scanned >= TEST_MAX_EVENTS) {
      result.truncated = true;
      return false;
    }
    return true;
  });
  keep(detector.flush());
  return result;
}
