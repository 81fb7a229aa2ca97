/**
 * Detection service of the open vault (see README.md): `startDetection` when
 * the vault opens, `stop()` before it closes; handlers find the running
 * service of their vault with `detectionFor(db)`.
 */
import { VigieError } from '../../api/errors';
import type { Db } from '../../store/db';
import { type DetectionOptions, DetectionService } from './service';

export { DetectionService, type DetectionOptions } from './service';

const running = new WeakMap<Db, DetectionService>();

/** Starts live detection on `db` (replacing a previous service of the same vault). */
export async function startDetection(opts: DetectionOptions): Promise<DetectionService> {
  await running.get(opts.db)?.stop();
  const service: DetectionService = await DetectionService.start({
    ...opts,
    onStop: () => {
      if (running.get(opts.db) === service) running.delete(opts.db);
      opts.onStop?.();
    },
  });
  running.set(opts.db, service);
  return service;
}

/** The running service of this vault; UNAVAILABLE when detection was not started. */
export function detectionFor(db: Db): DetectionService {
  const s = running.get(db);
  if (!s || !s.running) throw new VigieError('UNAVAILABLE', 'La détection n’est pas démarrée pour ce coffre.');
  return s;
}

/** The running service of this vault, if any (changes to lists and rules ask it to recompile). */
export function runningDetection(db: Db): DetectionService | undefined {
  const s = running.get(db);
  return s && s.running ? s : undefined;
}
