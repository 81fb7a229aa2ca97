/** Durations for the legal countdowns (Paris wall-clock inputs live in `parisTime.ts`). */
export interface DurationParts {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

export function durationParts(ms: number): DurationParts {
  const abs = Math.floor(Math.abs(ms) / 1000);
  return { days: Math.floor(abs / 86400), hours: Math.floor((abs % 86400) / 3600), minutes: Math.floor((abs % 3600) / 60), seconds: abs % 60 };
}
