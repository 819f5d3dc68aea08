import { DEADLINE_STAGES } from '../../calendar/domain/deadlines';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ProductTextDto } from '../../catalog/dto/product.dto';
import { BilingualTextDto } from '../../../common/http/bilingual.dto';
import { PageQuery } from '../../../common/http/pagination';
import { CODE_PATTERN } from '../../partners/dto/bank.dto';
import { CONSENT_CATEGORY_IDS } from '../domain/consent';
import { BANK_EVENT_TYPES, DECLINE_REASONS, REFERRAL_STATUSES } from '../domain/referral-status';

export class ConsentDto {
  @ApiProperty({
    description:
      'must be true: the enterprise agrees to share the listed data with the receiving bank',
  })
  @IsBoolean()
  granted: boolean;

  @ApiPropertyOptional({
    type: ProductTextDto,
    description:
      'the consent text shown to the user; the default text naming bank, purpose and data is stored when omitted',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProductTextDto)
  text?: ProductTextDto;

  @ApiPropertyOptional({
    enum: CONSENT_CATEGORY_IDS,
    isArray: true,
    description:
      'data shared with the bank; default: every category but founder (sensitive personal information)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CONSENT_CATEGORY_IDS.length)
  @ArrayUnique()
  @IsIn(CONSENT_CATEGORY_IDS, { each: true })
  dataCategories?: string[];

  @ApiPropertyOptional({
    description:
      'default false. The enterprise also agrees that, if the bank misses the acknowledge deadline or declines (not because the applicant turned an offer down), the referral goes on to the next partner bank of the product in its region, with the same data; at most 3 banks in all',
  })
  @IsOptional()
  @IsBoolean()
  allowReroute?: boolean;
}

export class CreateReferralDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() enterpriseId: string;
  @ApiProperty({ example: 'KEDAITONG' }) @IsString() @Matches(CODE_PATTERN) productCode: string;
  @ApiPropertyOptional({
    example: 'CCB',
    description: 'omit to let the service pick a partner bank serving the enterprise’s region',
  })
  @IsOptional()
  @IsString()
  @Matches(CODE_PATTERN)
  bankCode?: string;
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: Number.MAX_SAFE_INTEGER,
    example: 2000000,
    description: 'integer yuan',
  })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  requestedAmountYuan: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 120, example: 12 })
  @IsInt()
  @Min(1)
  @Max(120)
  termMonths: number;
  // IsDefined: ValidateNested alone lets a missing consent through (a TypeError, then a 500).
  @ApiProperty({ type: ConsentDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => ConsentDto)
  consent: ConsentDto;
}

/** The SME moves its referral to another bank (`POST /referrals/:id/reroute`). */
export class RerouteReferralDto {
  @ApiPropertyOptional({
    example: 'BOC',
    description:
      'omit to let the service pick the least-loaded partner bank that has not had the referral',
  })
  @IsOptional()
  @IsString()
  @Matches(CODE_PATTERN)
  bankCode?: string;

  @ApiProperty({
    type: ConsentDto,
    description: 'fresh consent for the next bank (the default text names it)',
  })
  @IsDefined()
  @ValidateNested()
  @Type(() => ConsentDto)
  consent: ConsentDto;
}

/** An admin moves a referral to a named bank (`POST /admin/referrals/:id/reassign`). */
export class ReassignReferralDto {
  @ApiProperty({ example: 'BOC' })
  @IsString()
  @Matches(CODE_PATTERN)
  bankCode: string;

  @ApiProperty({ maxLength: 500, example: '原银行暂停受理，经企业同意改派' })
  @IsString()
  @Length(1, 500)
  note: string;
}

export class BankEventDto {
  @ApiProperty({ enum: BANK_EVENT_TYPES })
  @IsIn(BANK_EVENT_TYPES)
  type: (typeof BANK_EVENT_TYPES)[number];
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: Number.MAX_SAFE_INTEGER,
    description: 'integer yuan; required for approved and disbursed',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  amountYuan?: number;
  @ApiPropertyOptional({ enum: DECLINE_REASONS, description: 'required for declined' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  reason?: string;
  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;
}

export class ListReferralsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: REFERRAL_STATUSES })
  @IsOptional()
  @IsIn(REFERRAL_STATUSES)
  status?: (typeof REFERRAL_STATUSES)[number];
}

export class ReferralCreatedResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['submitted'] }) status: 'submitted';
  @ApiProperty() bankCode: string;
  @ApiProperty({ type: BilingualTextDto, description: 'the bank handling it now, by name' })
  bankName: BilingualTextDto;
  @ApiProperty() productCode: string;
  @ApiProperty({ type: 'integer' }) productVersion: number;
  @ApiProperty({ format: 'uuid' }) enterpriseId: string;
  @ApiProperty({ type: 'integer' }) enterpriseVersion: number;
  @ApiProperty({ type: 'integer' }) requestedAmountYuan: number;
  @ApiProperty({ type: 'integer' }) termMonths: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ReferralEventResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    enum: [
      'submitted',
      ...BANK_EVENT_TYPES,
      'withdrawn',
      'overdue',
      'deadline_moved',
      'rerouted',
      'reroute_exhausted',
    ],
    description:
      '`overdue` and `deadline_moved` carry the stage in `reason`; `rerouted` carries what started it (acknowledge_overdue, declined, sme_request, admin_reassign); `reroute_exhausted` why no bank took it over (no_bank_available, limit_reached)',
  })
  type: string;
  @ApiProperty({ enum: ['sme', 'bank', 'system', 'admin'] }) actor: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'the bank that had the referral at the time (for rerouted, the one it went to)',
  })
  bankCode: string | null;
  @ApiProperty({ type: BilingualTextDto, nullable: true, description: 'the name of `bankCode`' })
  bankName: BilingualTextDto | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'rerouted: the bank it left (not shown to banks)',
  })
  fromBankCode: string | null;
  @ApiProperty({
    type: BilingualTextDto,
    nullable: true,
    description: 'the name of `fromBankCode`',
  })
  fromBankName: BilingualTextDto | null;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'the bank officer who posted the event (signed in), or null',
  })
  actorUserId: string | null;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'the bank API key that posted the event, or null',
  })
  actorApiKeyId: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) amountYuan: number | null;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class DeadlineDto {
  @ApiProperty({ enum: DEADLINE_STAGES, description: 'what the bank owes next' })
  stage: string;
  @ApiProperty({ format: 'date-time', description: '24:00 Asia/Shanghai of the last working day' })
  dueAt: string;
}

export class ReferralResponse extends ReferralCreatedResponse {
  @ApiProperty({
    type: DeadlineDto,
    nullable: true,
    description: 'the current stage and when it is due; null once the bank has decided',
  })
  deadline: DeadlineDto | null;
  @ApiProperty({ description: 'the current deadline has passed without the bank acting' })
  overdue: boolean;
  @ApiProperty({ enum: REFERRAL_STATUSES }) declare status: never;
  @ApiProperty({ type: 'integer', nullable: true }) approvedAmountYuan: number | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: [ReferralEventResponse], description: 'the timeline, oldest first' })
  events: ReferralEventResponse[];
  @ApiProperty({
    description:
      'webhook state: mode "webhook" with its deliveries, or "pull" for a bank without a webhook URL',
    type: 'object',
    additionalProperties: true,
  })
  delivery: { mode: 'webhook' | 'pull'; deliveries: unknown[] };
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'the match outcome it was accepted on (not shown to banks)',
  })
  matchOutcome?: unknown;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      "the current bank's consent record: bankCode, purpose, dataCategories, text, grantedAt, allowReroute, basis (submission, reroute_permission or fresh)",
  })
  consent?: unknown;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'the consented enterprise snapshot (banks and admins)',
  })
  enterprise?: Record<string, unknown>;
}

export class ReferralPage {
  @ApiProperty({ type: [ReferralResponse] }) items: ReferralResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
