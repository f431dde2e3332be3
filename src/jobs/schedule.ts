import { z } from 'zod';

/**
 * Job schedules in words people write in config files: `every 15m`, `every 6h`, `every 1d`,
 * `hourly`, `daily 02:00` (UTC). Cron syntax is deliberately not offered: identity syncs run on
 * intervals, and a five-field expression is easy to get wrong silently.
 */
export type Schedule = { kind: 'every'; ms: number; text: string } | { kind: 'daily'; minuteOfDay: number; text: string };

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseSchedule(text: string): Schedule | string {
  const s = text.trim().toLowerCase();
  if (s === 'hourly') return { kind: 'every', ms: UNIT_MS.h, text };
  const every = /^every\s+(\d+)\s*(m|h|d)$/.exec(s);
  if (every) {
    const ms = Number(every[1]) * UNIT_MS[every[2]];
    return ms >= UNIT_MS.m ? { kind: 'every', ms, text } : 'must be at least 1 minute';
  }
  const daily = /^daily\s+([01]\d|2[0-3]):([0-5]\d)$/.exec(s);
  if (daily) return { kind: 'daily', minuteOfDay: Number(daily[1]) * 60 + Number(daily[2]), text };
  return "must be 'every <n>m|h|d', 'hourly' or 'daily HH:MM' (UTC)";
}

export const ScheduleText = z.string().transform((text, ctx) => {
  const parsed = parseSchedule(text);
  if (typeof parsed === 'string') {
    ctx.addIssue({ code: 'custom', message: `'${text}' ${parsed}` });
    return z.NEVER;
  }
  return parsed;
});

/** When a job is next due, given when it last started (null: never ran, so due now). */
export function nextDue(schedule: Schedule, lastStartedAt: Date | null, now: Date): Date {
  if (!lastStartedAt) return now;
  if (schedule.kind === 'every') return new Date(lastStartedAt.getTime() + schedule.ms);
  const day = Date.UTC(lastStartedAt.getUTCFullYear(), lastStartedAt.getUTCMonth(), lastStartedAt.getUTCDate());
  let due = day + schedule.minuteOfDay * 60_000;
  if (due <= lastStartedAt.getTime()) due += UNIT_MS.d;
  return new Date(due);
}
