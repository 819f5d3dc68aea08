import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import { Page, PageQuery, paginate } from '../../common/http/pagination';
import { Clock } from '../../common/time/clock';
import { AuditService } from '../audit/audit.service';
import { CalendarOverride } from './calendar-override.entity';
import { isIsoDate, WorkingDayCalendar } from './domain/working-days';
import type {
  CalendarOverrideDto,
  CalendarOverrideResponse,
  WorkingDaysResponse,
} from './dto/calendar.dto';
import { officialCalendar } from './official-calendar';

/** How long a loaded set of overrides serves before it is read again (another process may write). */
const CACHE_MS = 30_000;
/** The calendar should reach at least this far ahead (api.md Operations: a warning, not a failure). */
export const CALENDAR_HORIZON_DAYS = 60;

export interface CalendarStatus {
  knownUntil: string;
  /** Set when the calendar ends within the horizon: admins should enter the next schedule. */
  warning?: string;
}

/** The working-day calendar in force: the official schedule plus the admins' overrides. */
@Injectable()
export class CalendarService {
  private readonly logger = new Logger(CalendarService.name);
  private readonly official = officialCalendar();
  private cached: { loadedAt: number; calendar: WorkingDayCalendar } | null = null;
  private warnedOn: string | null = null;

  constructor(
    @InjectRepository(CalendarOverride) private readonly overrides: Repository<CalendarOverride>,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async calendar(): Promise<WorkingDayCalendar> {
    const now = this.clock.now().getTime();
    if (this.cached && now - this.cached.loadedAt < CACHE_MS) return this.cached.calendar;
    const rows = await this.overrides.find({ select: { date: true, working: true } });
    const calendar = new WorkingDayCalendar(
      this.official,
      new Map(rows.map((r) => [r.date, r.working])),
    );
    this.cached = { loadedAt: now, calendar };
    return calendar;
  }

  async workingDays(from: string, add: number): Promise<WorkingDaysResponse> {
    if (!isIsoDate(from)) {
      throw DomainError.invalid([
        { path: 'from', code: 'invalid_date', message: 'from is not a calendar date' },
      ]);
    }
    const calendar = await this.calendar();
    const date = calendar.addWorkingDays(from, add);
    const knownUntil = calendar.knownUntil();
    return { from, add, date, estimated: date > knownUntil, knownUntil };
  }

  async status(): Promise<CalendarStatus> {
    const calendar = await this.calendar();
    const knownUntil = calendar.knownUntil();
    if (!calendar.endsWithin(this.clock.today(), CALENDAR_HORIZON_DAYS)) return { knownUntil };
    const warning = `The working-day calendar ends on ${knownUntil}: enter the next holiday schedule as overrides.`;
    // Once a day in the log, however often readiness is probed.
    const today = this.clock.today();
    if (this.warnedOn !== today) {
      this.warnedOn = today;
      this.logger.warn(warning);
    }
    return { knownUntil, warning };
  }

  async list(query: PageQuery): Promise<Page<CalendarOverrideResponse>> {
    const page = await paginate(this.overrides.createQueryBuilder('o'), 'o', query);
    return { items: page.items.map(toResponse), nextCursor: page.nextCursor };
  }

  async put(
    date: string,
    dto: CalendarOverrideDto,
    actorId: string,
  ): Promise<CalendarOverrideResponse> {
    requireDate(date);
    const saved = await this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(CalendarOverride);
      const before = await repo.findOne({ where: { date }, lock: { mode: 'pessimistic_write' } });
      await repo.upsert(
        { date, working: dto.working, note: dto.note, updatedBy: actorId },
        { conflictPaths: ['date'] },
      );
      await this.audit.record(
        {
          actorId,
          action: before ? 'calendar.override_changed' : 'calendar.override_added',
          entityType: 'calendar',
          entityKey: date,
          changes: {
            working: { from: before?.working ?? null, to: dto.working },
            note: { from: before?.note ?? null, to: dto.note },
          },
        },
        m,
      );
      return repo.findOneByOrFail({ date });
    });
    this.cached = null;
    return toResponse(saved);
  }

  async remove(date: string, actorId: string): Promise<void> {
    requireDate(date);
    await this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(CalendarOverride);
      const before = await repo.findOne({ where: { date }, lock: { mode: 'pessimistic_write' } });
      if (!before) throw DomainError.notFound('The override');
      await repo.delete({ date });
      await this.audit.record(
        {
          actorId,
          action: 'calendar.override_removed',
          entityType: 'calendar',
          entityKey: date,
          changes: { working: { from: before.working, to: null } },
        },
        m,
      );
    });
    this.cached = null;
  }
}

function requireDate(date: string): void {
  if (!isIsoDate(date)) {
    throw DomainError.invalid([
      { path: 'date', code: 'invalid_date', message: 'date must be a calendar date YYYY-MM-DD' },
    ]);
  }
}

function toResponse(o: CalendarOverride): CalendarOverrideResponse {
  return {
    date: o.date,
    working: o.working,
    note: o.note,
    updatedAt: o.updatedAt.toISOString(),
  };
}
