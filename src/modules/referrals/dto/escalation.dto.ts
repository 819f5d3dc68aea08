import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsString, Length } from 'class-validator';
import { DEADLINE_STAGES } from '../../calendar/domain/deadlines';
import { REFERRAL_STATUSES } from '../domain/referral-status';

export class MoveDeadlineDto {
  @ApiProperty({ format: 'date-time', example: '2026-12-18T16:00:00Z' })
  @IsISO8601({ strict: true, strictSeparator: true })
  dueAt: string;

  @ApiProperty({ maxLength: 500, example: '银行申请延期两个工作日' })
  @IsString()
  @Length(1, 500)
  note: string;
}

export class EscalationResponse {
  @ApiProperty({ format: 'uuid' }) referralId: string;
  @ApiProperty({ format: 'uuid' }) enterpriseId: string;
  @ApiProperty() productCode: string;
  @ApiProperty() bankCode: string;
  @ApiProperty({ enum: REFERRAL_STATUSES }) status: string;
  @ApiProperty({
    enum: ['overdue', 'reroute_exhausted'],
    description:
      'overdue: the bank missed the current stage’s deadline and has not acted since; reroute_exhausted: a re-route found no bank left to take it (or it had been with 3 banks), so it keeps its state',
  })
  reason: 'overdue' | 'reroute_exhausted';
  @ApiProperty({
    enum: DEADLINE_STAGES,
    nullable: true,
    type: String,
    description: 'the latest stage the current bank missed, or null',
  })
  stage: string | null;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'when that stage was due',
  })
  dueAt: string | null;
  @ApiProperty({ format: 'date-time' }) submittedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  rerouteExhaustedAt: string | null;
}

class StageDeadlinesDto {
  @ApiProperty({ format: 'date-time' }) acknowledge: string;
  @ApiProperty({ format: 'date-time' }) contact: string;
  @ApiProperty({ format: 'date-time' }) decide: string;
}

class CurrentDeadlineDto {
  @ApiProperty({ enum: DEADLINE_STAGES }) stage: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
}

/** A referral after an admin moved its deadline: the current one and every stage's. */
export class MovedDeadlineResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: REFERRAL_STATUSES }) status: string;
  @ApiProperty({ type: CurrentDeadlineDto, nullable: true }) deadline: CurrentDeadlineDto | null;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ type: StageDeadlinesDto, nullable: true }) deadlines: StageDeadlinesDto | null;
}

export class EscalationPage {
  @ApiProperty({ type: [EscalationResponse] }) items: EscalationResponse[];
  @ApiPropertyOptional({ type: 'string', nullable: true }) nextCursor: string | null;
}
