import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { Access } from '../common/auth/access.decorator';
import { CalendarService } from '../modules/calendar/calendar.service';
import { RedisHealthService } from './redis-health.service';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly redis: RedisHealthService,
    private readonly calendar: CalendarService,
  ) {}

  @Get('live')
  @Access('public')
  @ApiOperation({ summary: 'Liveness: the process is up' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @Access('public')
  @HealthCheck()
  @ApiOperation({
    summary:
      'Readiness: PostgreSQL and Redis answer (503 otherwise); calendar.knownUntil, with a warning when the working-day calendar ends within 60 days',
  })
  ready() {
    return this.health.check([
      () => this.db.pingCheck('postgres').withTimeout(2000),
      () =>
        this.indicators
          .check('redis')
          .attempt(() => this.redis.ping())
          .withTimeout(2000),
      // Reported, never failing: a calendar about to run out is a task for an admin, not an outage.
      // When it cannot be read (PostgreSQL down), the postgres check above already says so.
      async () =>
        this.indicators.check('calendar').up({
          ...(await this.calendar
            .status()
            .catch((e: Error) => ({ knownUntil: null, warning: `unknown: ${e.message}` }))),
        }),
    ]);
  }
}
