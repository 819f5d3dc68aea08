import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { Access } from '../common/auth/access.decorator';
import { ProblemDetailsDto } from '../common/http/api-problems.decorator';
import { CalendarService } from '../modules/calendar/calendar.service';
import { RedisHealthService } from './redis-health.service';

/** What terminus reports: each check's status (and why it is down). */
function healthSchema(statuses: string[]) {
  const checks = {
    type: 'object',
    additionalProperties: {
      type: 'object',
      required: ['status'],
      properties: { status: { type: 'string', enum: ['up', 'down'] } },
      additionalProperties: true,
    },
  };
  return {
    type: 'object',
    // A 503 names the checks when terminus ran them; not when PostgreSQL could not be reached at all.
    required: statuses.length ? ['status', 'info', 'error', 'details'] : [],
    properties: {
      ...(statuses.length ? { status: { type: 'string', enum: statuses } } : {}),
      info: { ...checks, nullable: true },
      error: { ...checks, nullable: true },
      details: checks,
    },
  };
}

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
  @ApiOkResponse({
    schema: {
      type: 'object',
      required: ['status'],
      additionalProperties: false,
      properties: { status: { type: 'string', enum: ['ok'] } },
    },
  })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @Access('public')
  // Documented here: the filter renders terminus' 503 as problem details that keep the checks.
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOkResponse({ description: 'Both answer', schema: healthSchema(['ok']) })
  @ApiResponse({
    status: 503,
    description: 'PostgreSQL or Redis does not answer',
    content: {
      'application/problem+json': {
        schema: { allOf: [{ $ref: getSchemaPath(ProblemDetailsDto) }, healthSchema([])] },
      },
    },
  })
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
