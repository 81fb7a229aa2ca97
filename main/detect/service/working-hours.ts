/**
 * Working hours of the organisation, in one place: what the derived fields
 * `vigie.off_hours` and `vigie.off_hours_period` (derive.ts) read, hence what
 * every rule about access "outside working hours" means. Stored in the vault
 * (`detection_state`, key `working_hours`); the default is 7 h – 20 h, Monday
 * to Friday, in the detection time zone (Europe/Paris).
 *
 * An off-hours **period** is named by the local date on which it starts: the
 * evening of day D and the early morning of D + 1 (before `start`) are
 * "period D"; a non-working day is its own period, together with the early
 * morning that follows it. Alerts are grouped per user and period ("one night").
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Db } from '../../store/db';

const KEY = 'working_hours';

export const workingHoursSchema = z
  .object({
    /** First working hour (0–23): 7 means from 07:00. */
    start: z.number().int().min(0).max(23),
    /** End of the working day (1–24): 20 means until 19:59. */
    end: z.number().int().min(1).max(24),
    /** ISO weekdays worked (1 Monday … 7 Sunday). */
    days: z.array(z.number().int().min(1).max(7)).max(7),
  })
  .strict()
  .refine((w) => w.start < w.end, { message: 'start must be before end' });

export type WorkingHours = z.infer<typeof workingHoursSchema>;

export const DEFAULT_WORKING_HOURS: WorkingHours = { start: 7, end: 20, days: [1, 2, 3, 4, 5] };

export async function loadWorkingHours(db: Db): Promise<WorkingHours> {
  const row = await db.get<{ value: string }>('SELECT value FROM detection_state WHERE key = ?', [KEY]);
  if (!row) return DEFAULT_WORKING_HOURS;
  const parsed = workingHoursSchema.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : DEFAULT_WORKING_HOURS;
}

export async function saveWorkingHours(db: Db, hours: WorkingHours): Promise<WorkingHours> {
  const clean = workingHoursSchema.parse({ ...hours, days: [...new Set(hours.days)].sort((a, b) => a - b) });
  await db.run('INSERT INTO detection_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [
    KEY,
    JSON.stringify(clean),
  ]);
  return clean;
}

/** The off-hours period of instant `ms` (`YYYY-MM-DD`, see above), or null within working hours. */
export function offHoursPeriod(ms: number, zone: string, hours: WorkingHours): string | null {
  return offHoursPeriodAt(DateTime.fromMillis(ms, { zone }), hours);
}

/** Same, for a local time already computed. */
export function offHoursPeriodAt(t: DateTime, hours: WorkingHours): string | null {
  if (hours.days.includes(t.weekday) && t.hour >= hours.start && t.hour < hours.end) return null;
  return (t.hour < hours.start ? t.minus({ days: 1 }) : t).toISODate();
}
