/** Rejections of the Sigma loader → problems with a line number in the text the operator wrote or imported. */
import { LineCounter, parseAllDocuments } from 'yaml';
import type { RuleProblem } from '../../api/ops/detection';
import type { Rejection } from '../sigma/types';

/** 1-based line where each document of `text` starts. */
function documentStarts(text: string): number[] {
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc });
  if (!Array.isArray(docs)) return [1];
  return docs.map((d) => lc.linePos(d.range[0]).line);
}

/** Token of the reason worth looking for in the document (a field, a modifier, a placeholder…). */
function tokenOf(reason: string, code: string): string | null {
  const patterns: RegExp[] = [/placeholder (%[^%\s]+%)/, /field ([^\s,:;()|]+)/, /modifier (\|\w+)/, /\|(\w+)/];
  if (code === 'schema') patterns.unshift(/^([\w.@-]+?)(?:\.\d+)?:/);
  if (code.startsWith('condition')) patterns.unshift(/^()/);
  for (const p of patterns) {
    const m = p.exec(reason);
    if (m) {
      const t = m[1];
      if (t === '') return 'condition';
      return t.split('.').pop() ?? t;
    }
  }
  return null;
}

/** Line of the rejection in `text` (documents split as the loader does), or null. */
export function locate(text: string, doc: number, reason: string, code: string): number | null {
  const yamlLine = /line (\d+)/.exec(reason);
  if (code === 'yaml' && yamlLine) return Number(yamlLine[1]);
  const starts = documentStarts(text);
  const start = starts[doc] ?? 1;
  const end = starts[doc + 1] ?? Number.POSITIVE_INFINITY;
  const token = tokenOf(reason, code);
  if (!token) return start;
  const lines = text.split(/\r?\n/);
  for (let i = start - 1; i < Math.min(lines.length, end - 1); i++) {
    if (lines[i].includes(token)) return i + 1;
  }
  return start;
}

export function toProblem(r: Rejection, text?: string): RuleProblem {
  return {
    file: r.file,
    doc: r.doc,
    id: r.id ?? null,
    title: r.title ?? null,
    line: text === undefined ? null : locate(text, r.doc, r.reason, r.code),
    code: r.code,
    reason: r.reason,
  };
}
