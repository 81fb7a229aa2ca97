/** A real encrypted vault with a running detection service, per test. */
import { afterEach, beforeEach } from 'vitest';
import type { AlertRow } from '../../../../main/api/contract';
import { EventBus } from '../../../../main/engine/bus';
import { startDetection, type DetectionService } from '../../../../main/detect/service';
import type { Db } from '../../../../main/store/db';
import { openTempVault } from '../../events/vault-fixture';

export interface DetectFixture {
  readonly db: Db;
  readonly bus: EventBus;
  readonly service: DetectionService;
  /** `alert.new` payloads received. */
  readonly announced: AlertRow[];
  /** Waits until live detection has examined every stored event. */
  drain(): Promise<void>;
}

export function useDetection(opts: { learningMs?: number } = {}): DetectFixture {
  const s: { db?: Db; bus?: EventBus; service?: DetectionService; dispose?: () => Promise<void>; announced: AlertRow[] } = { announced: [] };
  beforeEach(async () => {
    const v = await openTempVault();
    s.db = v.db;
    s.dispose = v.dispose;
    s.bus = new EventBus();
    s.announced = [];
    s.bus.subscribe('alert.new', (a) => s.announced.push(a));
    s.service = await startDetection({ db: v.db, bus: s.bus, startAt: 'beginning', learningMs: opts.learningMs });
  });
  afterEach(async () => {
    await s.service?.stop();
    await s.dispose?.();
  });
  const need = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('fixture not ready');
    return v;
  };
  return {
    get db() {
      return need(s.db);
    },
    get bus() {
      return need(s.bus);
    },
    get service() {
      return need(s.service);
    },
    get announced() {
      return s.announced;
    },
    drain: () => need(s.service).drain(),
  };
}

export interface StoredAlert {
  id: number;
  rule_id: string;
  title: string;
  severity: number;
  status: string;
  group_key: string;
  event_count: number;
  first_seen: number;
  last_seen: number;
}

export async function alertsOf(db: Db, ruleId?: string): Promise<StoredAlert[]> {
  return ruleId
    ? db.all<StoredAlert>('SELECT * FROM alerts WHERE rule_id = ? ORDER BY id', [ruleId])
    : db.all<StoredAlert>('SELECT * FROM alerts ORDER BY id');
}

/** Rule ids of the shipped pack, by short name. */
export const RULES = {
  massAccess: '169ec080-52a2-44d4-829c-c6d8c276e150',
  offHours: '2c96a85c-1200-4ee6-9077-eefb3abc1c6c',
  watchlist: '279b2b45-d8af-481f-a266-af208137368a',
  breakGlass: '0ed7d23a-64fe-477e-b15b-dfa5506904be',
  noCare: '2eb7df81-d887-40f1-964f-0ec94d0426a4',
  bulkExportLarge: 'ab864fcf-57aa-4fbd-979c-0ea506ba9b0d',
  bulkExportRepeated: '6187af58-c893-42e5-a6f5-d28d5e5bee18',
  atnaSecurity: 'c46492e6-097e-4170-8a7e-69febcdb1786',
  loginAfterFailures: '869d5162-bb5d-4fae-abc5-fa95b7411923',
  bruteForceIp: '8add7370-5605-44f3-8e43-d933b3285adf',
  newSourceIp: 'c5da207a-eb3a-43cc-ace9-2961e4303189',
} as const;

/** Paris wall-clock time → epoch ms (2026-03-10 is a Tuesday; Paris is UTC+1 in March before the 29th). */
export function paris(day: number, hour: number, minute = 0): number {
  return Date.UTC(2026, 2, day, hour - 1, minute);
}
