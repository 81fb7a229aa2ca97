import type { DeadlineNotification } from '../../api/ops/legal';
import type { Notifier } from '../../engine/types';
import { Job, type JobContext } from '../job';

export interface DeadlineJobOptions {
  /**
   * Finds the legal-deadline thresholds newly crossed at `now`, logs them in the
   * vault (each is returned once, ever) and returns them. In the engine:
   * `(now) => collectDeadlineNotifications(session.db(), now.getTime())`.
   */
  check: (now: Date) => Promise<DeadlineNotification[]>;
  /** Desktop notifications (absent in CLI / browser mode). */
  notifier?: Notifier;
  /** Called for each notification (the engine forwards it on the bus). */
  onNotification?: (n: DeadlineNotification) => void;
}

/**
 * Every 5 minutes, checks the legal clocks of the incidents (CNIL 72 h:
 * 24 h, 6 h, 1 h before and overdue; ARS "sans délai": 24 h after discovery)
 * and shows a desktop notification for each threshold newly crossed. Needs
 * the open vault. A notifier failure does not stop the others.
 */
export class DeadlineJob extends Job {
  readonly name = 'legal-deadlines';
  readonly description = 'Surveille les échéances légales (CNIL 72 h, signalement ARS) et envoie les notifications.';
  readonly schedule = '*/5 * * * *';

  constructor(private readonly opts: DeadlineJobOptions) {
    super();
  }

  async run(ctx: JobContext): Promise<string> {
    if (ctx.signal.aborted) throw new Error('annulé');
    const notifications = await this.opts.check(ctx.now);
    let failed = 0;
    for (const n of notifications) {
      try {
        this.opts.notifier?.notify({ title: n.title, body: n.body, severity: n.severity, link: `#/incidents/${n.incidentId}/legal` });
      } catch (err) {
        failed++;
        ctx.logger.error('deadline notification failed', { incidentId: n.incidentId, kind: n.kind, error: err });
      }
      try {
        this.opts.onNotification?.(n);
      } catch (err) {
        ctx.logger.error('deadline notification listener failed', { incidentId: n.incidentId, error: err });
      }
    }
    if (!notifications.length) return 'aucune nouvelle échéance à signaler';
    const list = notifications.map((n) => `incident n°${n.incidentId} ${n.kind.toUpperCase()} ${n.threshold}`).join(', ');
    return `${notifications.length} notification(s) d’échéance : ${list}${failed ? ` (${failed} non affichée(s))` : ''}`;
  }
}
