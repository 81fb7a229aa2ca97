/**
 * Wall-clock times of the task force (Europe/Paris, the console's display zone whatever the
 * machine's) for `datetime-local` inputs. The engine receives instants with an offset (ISO 8601, UTC).
 */
import { DISPLAY_TIME_ZONE } from './i18n/format';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: DISPLAY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function wall(ms: number): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const p = Object.fromEntries(parts.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return { y: Number(p.year), mo: Number(p.month), d: Number(p.day), h: Number(p.hour), mi: Number(p.minute), s: Number(p.second) };
}

/** Offset of Paris from UTC at an instant, in ms (+1 h in winter, +2 h in summer). */
function offsetAt(ms: number): number {
  const w = wall(ms);
  return Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - Math.floor(ms / 1000) * 1000;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as the value of a `datetime-local` input (with `step="1"`), in Paris time (`2026-03-28T10:00:05`). */
export function toParisInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const w = wall(ms);
  return `${w.y}-${pad(w.mo)}-${pad(w.d)}T${pad(w.h)}:${pad(w.mi)}:${pad(w.s)}`;
}

/** The same to the minute, for inputs without `step` (`2026-03-28T10:00`; '' when not a date). */
export function toParisMinuteInput(iso: string | null | undefined): string {
  return toParisInput(iso).slice(0, 16);
}

/**
 * A `datetime-local` value read as Paris time → ISO instant, or null when empty
 * or invalid. The repeated autumn hour is read as its first occurrence; a time
 * of the skipped spring hour is moved forward by the gap.
 */
export function fromParisInput(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return null;
  const local = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  // Try the larger offset first: during the repeated hour it gives the first occurrence.
  const candidates = [local - offsetAt(local - 3 * 3600_000), local - offsetAt(local + 3 * 3600_000)].sort((a, b) => a - b);
  const exact = candidates.find((c) => c + offsetAt(c) === local);
  return new Date(exact ?? candidates[1]).toISOString();
}

/** The current time in Paris for a `datetime-local` default. */
export function nowParisInput(): string {
  return toParisInput(new Date().toISOString());
}
