/**
 * Retro-hunt: runs a rule set over stored events (any iterable or async
 * iterable, e.g. a vault cursor over a chosen time range) with progress
 * reports and cancellation. Correlations get their own fresh state, so a
 * hunt never disturbs live detection.
 */
import type { NormalizedEvent } from '../../events/types';
import { Detector } from './detector';
import type { LoadResult } from './loader';
import type { Hit } from './types';

export interface RetroProgress {
  scanned: number;
  hits: number;
}

export interface RetroOptions {
  onProgress?: (p: RetroProgress) => void;
  signal?: AbortSignal;
  /** Events between two progress reports (and yields to the event loop). Default 5,000. */
  progressEvery?: number;
  /** Hits kept at most (the count goes on). Default 100,000. */
  maxHits?: number;
  /** Identifier reported with each match (database id, position…). Default: the 0-based position. */
  refOf?: (event: NormalizedEvent, index: number) => number | string;
}

export interface RetroResult {
  hits: Hit[];
  /** Hits found, including those beyond `maxHits`. */
  total: number;
  scanned: number;
  cancelled: boolean;
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function retroHunt(
  events: Iterable<NormalizedEvent> | AsyncIterable<NormalizedEvent>,
  rules: Pick<LoadResult, 'rules' | 'correlations' | 'env'>,
  opts: RetroOptions = {},
): Promise<RetroResult> {
  const detector = new Detector(rules);
  const every = Math.max(1, opts.progressEvery ?? 5000);
  const maxHits = opts.maxHits ?? 100_000;
  const result: RetroResult = { hits: [], total: 0, scanned: 0, cancelled: false };
  const keep = (hits: Hit[]) => {
    result.total += hits.length;
    for (const h of hits) if (result.hits.length < maxHits) result.hits.push(h);
  };
  for await (const ev of events) {
    if (opts.signal?.aborted) {
      result.cancelled = true;
      break;
    }
    keep(detector.process(ev, opts.refOf ? opts.refOf(ev, result.scanned) : result.scanned));
    result.scanned++;
    if (result.scanned % every === 0) {
      opts.onProgress?.({ scanned: result.scanned, hits: result.total });
      await tick();
    }
  }
  if (!result.cancelled) keep(detector.flush());
  opts.onProgress?.({ scanned: result.scanned, hits: result.total });
  return result;
}
