import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { BilingualTextDto } from '../../../common/http/bilingual.dto';
import { DECLINE_REASONS } from '../../referrals/domain/referral-status';

const DATE = { example: '2026-12-02', description: 'YYYY-MM-DD (Asia/Shanghai)' } as const;

/** `?from=&to=`: checked by parseStatsWindow (docs/outcomes.md), so that a 400 names the field. */
export class StatsQuery {
  @ApiPropertyOptional({
    ...DATE,
    description:
      'first day of bank assignments counted, YYYY-MM-DD (Asia/Shanghai); default: 12 months before `to`',
  })
  @IsOptional()
  @IsString()
  from?: string;

  @ApiPropertyOptional({
    ...DATE,
    description: 'last day of bank assignments counted, inclusive; default: today',
  })
  @IsOptional()
  @IsString()
  to?: string;
}

export class BankStatsDto {
  @ApiProperty({ example: 'CCB' }) bankCode: string;
  @ApiProperty({ type: BilingualTextDto }) bankName: BilingualTextDto;
  @ApiProperty({
    type: 'integer',
    description:
      'referrals the bank was assigned in the period (a re-routed one counts for each bank it went to)',
  })
  received: number;
  @ApiProperty({
    type: 'number',
    nullable: true,
    minimum: 0,
    maximum: 1,
    description:
      'of the referrals acknowledged or marked overdue at the acknowledge stage, the fraction acknowledged before the deadline passed; null: none yet',
  })
  acknowledgedOnTime: number | null;
  @ApiProperty({
    type: 'number',
    nullable: true,
    description: 'working days from assignment to acknowledgement, median; null: none acknowledged',
  })
  medianWorkingDaysToAcknowledge: number | null;
  @ApiProperty({
    type: 'number',
    nullable: true,
    description:
      'working days from assignment to the first approval or decline, median; null: none decided',
  })
  medianWorkingDaysToDecision: number | null;
  @ApiProperty({
    type: 'integer',
    description: 'approved by this bank and not declined afterwards',
  })
  approved: number;
  @ApiProperty({ type: 'integer', description: 'declined by this bank' }) declined: number;
  @ApiProperty({
    type: 'number',
    nullable: true,
    minimum: 0,
    maximum: 1,
    description: 'approved ÷ (approved + declined); null: nothing decided',
  })
  approvalRate: number | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { insufficient_collateral: 3, insufficient_credit: 1 },
    description: `declines by reason (${DECLINE_REASONS.join(', ')}), most frequent first`,
  })
  declineReasons: Record<string, number>;
  @ApiProperty({ type: 'integer', description: 'sum of the amounts disbursed, integer yuan' })
  disbursedYuan: number;
  @ApiProperty({
    type: 'integer',
    description: 'still open with this bank and past the current stage’s deadline now',
  })
  overdueOpen: number;
  @ApiProperty({ type: 'integer', description: 'went on to another bank after this one' })
  rerouted: number;
}

export class BankStatsReport {
  @ApiProperty(DATE) from: string;
  @ApiProperty(DATE) to: string;
  @ApiProperty({
    type: [BankStatsDto],
    description: 'every partner bank by code (admins), or the calling bank alone',
  })
  banks: BankStatsDto[];
}

class LabelDto {
  @ApiProperty({ example: '抵押或担保不足' }) zh: string;
  @ApiProperty({ example: 'Insufficient collateral or guarantee' }) en: string;
}

export class DeclineReasonShareDto {
  @ApiProperty({ type: LabelDto }) label: LabelDto;
  @ApiProperty({ type: 'integer' }) count: number;
  @ApiProperty({ type: 'number', minimum: 0, maximum: 1, description: 'of the declines' })
  share: number;
}

export class ProductOutlookDto {
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'bank decisions (approved or declined) in the last 12 months',
  })
  decided: number | null;
  @ApiProperty({ type: 'number', nullable: true, minimum: 0, maximum: 1 })
  approvalRate: number | null;
  @ApiProperty({ type: 'number', nullable: true })
  medianWorkingDaysToDecision: number | null;
  @ApiProperty({
    type: [DeclineReasonShareDto],
    nullable: true,
    description: 'the three most frequent reasons, by their labels',
  })
  topDeclineReasons: DeclineReasonShareDto[] | null;
  @ApiProperty({
    description:
      'true (and every figure null) unless at least 10 enterprises had a decision from at least 2 banks',
  })
  insufficientData: boolean;
}
