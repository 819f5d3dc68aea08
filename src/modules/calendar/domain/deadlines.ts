/**
 * Service levels and the deadlines of a referral's stages (docs/deadlines.md). Every stage is
 * counted from the day the current bank was assigned; moving one stage's deadline moves the later
 * stages by the same number of working days.
 */
import { shanghaiDate, type IsoDate, type WorkingDayCalendar } from './working-days';

export const DEADLINE_STAGES = ['acknowledge', 'contact', 'decide'] as const;
export type DeadlineStage = (typeof DEADLINE_STAGES)[number];

/** Working days a bank has for each stage, counted from the assignment. */
export interface ServiceLevel {
  acknowledgeWorkingDays: number;
  contactWorkingDays: number;
  decideWorkingDays: number;
}

export const DEFAULT_SERVICE_LEVEL: Readonly<ServiceLevel> = Object.freeze({
  acknowledgeWorkingDays: 1,
  contactWorkingDays: 3,
  decideWorkingDays: 10,
});

/** When each stage is due (24:00 Asia/Shanghai of its last working day). */
export type StageDeadlines = Record<DeadlineStage, Date>;

const DAYS_OF: Record<DeadlineStage, keyof ServiceLevel> = {
  acknowledge: 'acknowledgeWorkingDays',
  contact: 'contactWorkingDays',
  decide: 'decideWorkingDays',
};

/** Problems with a service level, as `{path, message}` pairs (empty when it is usable). */
export function checkServiceLevel(level: ServiceLevel): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  for (const stage of DEADLINE_STAGES) {
    const days = level[DAYS_OF[stage]];
    if (!Number.isInteger(days) || days < 1 || days > 60) {
      problems.push({ path: DAYS_OF[stage], message: 'must be a whole number from 1 to 60' });
    }
  }
  if (problems.length === 0) {
    if (level.contactWorkingDays < level.acknowledgeWorkingDays) {
      problems.push({
        path: 'contactWorkingDays',
        message: 'must not be shorter than acknowledgeWorkingDays',
      });
    }
    if (level.decideWorkingDays < level.contactWorkingDays) {
      problems.push({
        path: 'decideWorkingDays',
        message: 'must not be shorter than contactWorkingDays',
      });
    }
  }
  return problems;
}

/** Every stage's deadline for a bank assigned at `assignedAt`. */
export function stageDeadlines(
  calendar: WorkingDayCalendar,
  assignedAt: Date,
  level: ServiceLevel = DEFAULT_SERVICE_LEVEL,
): StageDeadlines {
  const start = shanghaiDate(assignedAt);
  const due = (stage: DeadlineStage) =>
    calendar.deadline(new Date(`${start}T12:00:00+08:00`), level[DAYS_OF[stage]]);
  return { acknowledge: due('acknowledge'), contact: due('contact'), decide: due('decide') };
}

/** The stage a referral in `status` waits on, or null when no bank answer is due. */
export function stageOf(status: string): DeadlineStage | null {
  switch (status) {
    case 'submitted':
      return 'acknowledge';
    case 'acknowledged':
      return 'contact';
    case 'contacted':
      return 'decide';
    default:
      return null;
  }
}

/**
 * Moves `stage`'s deadline to `dueAt`, and each later stage by as many working days as separate the
 * old and the new due day (earlier stages stay); a later stage is never due before `stage`.
 */
export function moveDeadline(
  calendar: WorkingDayCalendar,
  deadlines: StageDeadlines,
  stage: DeadlineStage,
  dueAt: Date,
): StageDeadlines {
  const oldDay = shanghaiDate(new Date(deadlines[stage].getTime() - 1));
  const newDay = shanghaiDate(new Date(dueAt.getTime() - 1));
  const forward = newDay >= oldDay;
  const shift = forward
    ? calendar.workingDaysBetween(oldDay, newDay)
    : calendar.workingDaysBetween(newDay, oldDay);
  const out: StageDeadlines = { ...deadlines };
  const index = DEADLINE_STAGES.indexOf(stage);
  out[stage] = dueAt;
  for (const later of DEADLINE_STAGES.slice(index + 1)) {
    const day = shanghaiDate(new Date(deadlines[later].getTime() - 1));
    out[later] = forward
      ? endOf(calendar, day, shift)
      : endOf(calendar, calendar.subtractWorkingDays(day, shift), 0);
    if (out[later] < out[stage]) out[later] = out[stage];
  }
  return out;
}

function endOf(calendar: WorkingDayCalendar, day: IsoDate, add: number): Date {
  return calendar.deadline(new Date(`${day}T12:00:00+08:00`), add);
}

/** The referral's current deadline and whether it has passed at `now`. */
export function currentDeadline(
  status: string,
  deadlines: StageDeadlines | null,
  now: Date,
): { stage: DeadlineStage; dueAt: Date; overdue: boolean } | null {
  const stage = stageOf(status);
  if (!stage || !deadlines) return null;
  const dueAt = deadlines[stage];
  return { stage, dueAt, overdue: now.getTime() >= dueAt.getTime() };
}
