import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageQuery, pageResponse } from '../../../common/http/pagination';
import { isIsoDate } from '../../matching/engine';
import { BankRefDto, CODE_PATTERN } from '../../partners/dto/bank.dto';
import { COLLATERAL_KINDS, PRODUCT_CATEGORIES, RATE_BASES } from '../product-body';

/** A real calendar day as YYYY-MM-DD (not 2025-13-45, which PostgreSQL's date column rejects). */
const IsCalendarDate = (field: string) =>
  ValidateBy({
    name: 'isCalendarDate',
    validator: {
      validate: (v: unknown) => isIsoDate(v) && !v.startsWith('0000'),
      defaultMessage: () => `${field} must be a calendar date YYYY-MM-DD`,
    },
  });

/** Text of a draft: both languages present; an empty one blocks publishing, not saving. */
export class ProductTextDto {
  @ApiProperty({ example: '财园信贷通' }) @IsString() @MaxLength(2000) zh: string;
  @ApiProperty({ example: 'Caiyuan Xindaitong' }) @IsString() @MaxLength(2000) en: string;
}

export class RateDto {
  @ApiProperty({ enum: RATE_BASES }) @IsIn(RATE_BASES) basis: (typeof RATE_BASES)[number];
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 10000,
    description: 'basis points above the 1-year LPR',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  spreadMaxBp?: number;
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 10000,
    description: 'fixed annual rate in basis points',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  fixedBp?: number;
}

/** Working days a partner bank has for each stage of a referral (docs/deadlines.md). */
export class ServiceLevelDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 60, example: 1 })
  @IsInt()
  @Min(1)
  @Max(60)
  acknowledgeWorkingDays: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 60, example: 3 })
  @IsInt()
  @Min(1)
  @Max(60)
  contactWorkingDays: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 60, example: 10 })
  @IsInt()
  @Min(1)
  @Max(60)
  decideWorkingDays: number;
}

const money = (description: string) =>
  ApiProperty({
    type: 'integer',
    nullable: true,
    maximum: Number.MAX_SAFE_INTEGER,
    description: `${description}; integer yuan; null: the sources set no limit`,
  });

/** A conditional limit (docs/rules.md): checked by the rule engine like eligibility (422 with the path). */
export class ProductLimitDto {
  @ApiProperty({
    description: 'Rule tree (docs/rules.md) saying when this limit applies',
    type: 'object',
    additionalProperties: true,
  })
  when: Record<string, unknown>;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'largest loan, integer yuan' })
  amountMaxYuan?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 600 })
  termMonthsMax?: number;
  @ApiProperty({ type: ProductTextDto, description: 'why this limit applies, e.g. 劳动模范' })
  label: ProductTextDto;
}

/** A product as admins write it (docs/api.md Product); eligibility is checked by the rule engine (422). */
export class ProductBodyDto {
  @ApiProperty({ type: ProductTextDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => ProductTextDto)
  name: ProductTextDto;
  @ApiProperty({ enum: PRODUCT_CATEGORIES })
  @IsIn(PRODUCT_CATEGORIES)
  category: (typeof PRODUCT_CATEGORIES)[number];
  @ApiProperty({ type: ProductTextDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => ProductTextDto)
  administrator: ProductTextDto;
  @ApiProperty({ type: ProductTextDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => ProductTextDto)
  summary: ProductTextDto;

  @money('smallest loan')
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  amountMinYuan: number | null;

  @money('largest loan')
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  amountMaxYuan: number | null;

  @ApiProperty({ type: 'integer', nullable: true, minimum: 1, maximum: 600 })
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(600)
  termMonthsMax: number | null;

  @ApiProperty({ type: RateDto }) @IsDefined() @ValidateNested() @Type(() => RateDto) rate: RateDto;
  @ApiProperty({ enum: COLLATERAL_KINDS })
  @IsIn(COLLATERAL_KINDS)
  collateral: (typeof COLLATERAL_KINDS)[number];

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 10000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  guaranteeFeeMaxBp?: number;

  @ApiPropertyOptional({ type: ProductTextDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProductTextDto)
  interestSubsidy?: ProductTextDto;

  @ApiProperty({
    description:
      'Rule tree in the rule language of docs/rules.md; 422 names the JSON path of a bad node',
    type: 'object',
    additionalProperties: true,
  })
  @IsObject()
  eligibility: Record<string, unknown>;

  @ApiPropertyOptional({
    type: [ProductLimitDto],
    description:
      'Caps that depend on the borrower; the first whose `when` holds applies, else the ' +
      'product’s own. Checked like eligibility: 422 names the JSON path of a bad part',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  limits?: Record<string, unknown>[];

  @ApiProperty({ type: [String], example: ['SHANGRAO_BANK'] })
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @Matches(CODE_PATTERN, {
    each: true,
    message: 'each bank code must match ^[A-Z][A-Z0-9_]{1,63}$',
  })
  partnerBankCodes: string[];

  @ApiPropertyOptional({
    type: ServiceLevelDto,
    description: 'working days to acknowledge, contact and decide; default 1 / 3 / 10',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ServiceLevelDto)
  serviceLevel?: ServiceLevelDto;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { each: true })
  sourceUrls: string[];

  @ApiProperty({
    description: 'true: the sources do not settle every rule; `note` says what is unsettled',
  })
  @IsBoolean()
  provisional: boolean;

  @ApiPropertyOptional({ type: ProductTextDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProductTextDto)
  note?: ProductTextDto;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-01-01' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsCalendarDate('validFrom')
  validFrom?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2027-12-31' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsCalendarDate('validTo')
  validTo?: string | null;
}

export class CreateProductDto extends ProductBodyDto {
  @ApiProperty({ example: 'CAIYUAN_XINDAITONG', pattern: CODE_PATTERN.source })
  @IsString()
  @Matches(CODE_PATTERN, { message: 'code must match ^[A-Z][A-Z0-9_]{1,63}$' })
  code: string;
}

/** Any subset of the body; merged into the draft. */
export class UpdateProductDto extends PartialType(ProductBodyDto) {}

export class ListProductsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PRODUCT_CATEGORIES })
  @IsOptional()
  @IsIn(PRODUCT_CATEGORIES)
  category?: string;
  @ApiPropertyOptional({ description: 'substring of the Chinese or English name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class AdminListProductsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['draft', 'published', 'retired'] })
  @IsOptional()
  @IsIn(['draft', 'published', 'retired'])
  status?: 'draft' | 'published' | 'retired';
}

export class ProductResponse {
  @ApiProperty() code: string;
  @ApiProperty({ type: ProductTextDto }) name: ProductTextDto;
  @ApiProperty({ enum: PRODUCT_CATEGORIES }) category: string;
  @ApiProperty({ type: ProductTextDto }) administrator: ProductTextDto;
  @ApiProperty({ type: ProductTextDto }) summary: ProductTextDto;
  @ApiProperty({ type: 'integer', nullable: true }) amountMinYuan: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) amountMaxYuan: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) termMonthsMax: number | null;
  @ApiProperty({ type: RateDto }) rate: RateDto;
  @ApiProperty({ enum: COLLATERAL_KINDS }) collateral: string;
  @ApiPropertyOptional({ type: 'integer' }) guaranteeFeeMaxBp?: number;
  @ApiPropertyOptional({ type: ProductTextDto }) interestSubsidy?: ProductTextDto;
  @ApiProperty({ type: 'object', additionalProperties: true }) eligibility: Record<string, unknown>;
  @ApiPropertyOptional({ type: [ProductLimitDto] }) limits?: ProductLimitDto[];
  @ApiPropertyOptional({ type: ServiceLevelDto }) serviceLevel?: ServiceLevelDto;
  @ApiProperty({ type: [String] }) partnerBankCodes: string[];
  @ApiPropertyOptional({
    type: [BankRefDto],
    description:
      'the partner banks with their names, in code order; on the published catalogue and an admin view’s `published` (not on a draft or an old version)',
  })
  partnerBanks?: BankRefDto[];
  @ApiProperty({ type: [String] }) sourceUrls: string[];
  @ApiProperty() provisional: boolean;
  @ApiPropertyOptional({ type: ProductTextDto }) note?: ProductTextDto;
  @ApiPropertyOptional({ type: String, nullable: true }) validFrom?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) validTo?: string | null;
  @ApiProperty({ enum: ['draft', 'published', 'retired'] }) status: string;
  @ApiProperty({ type: 'integer', description: '0 for a never-published draft' }) version: number;
}

export class PublishResponse {
  @ApiProperty() code: string;
  @ApiProperty({ type: 'integer' }) version: number;
}

export class ProductVersionSummary {
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) publishedBy: string | null;
  @ApiProperty({ type: String, nullable: true }) validFrom: string | null;
  @ApiProperty({ type: String, nullable: true }) validTo: string | null;
}

export class AdminProductResponse {
  @ApiProperty() code: string;
  @ApiProperty({ enum: ['draft', 'published', 'retired'] }) status: string;
  @ApiProperty({ type: 'integer' }) latestVersion: number;
  @ApiProperty() hasDraft: boolean;
  @ApiProperty({
    type: ProductResponse,
    nullable: true,
    description: 'the draft, when there is one',
  })
  draft: ProductResponse | null;
  @ApiProperty({
    type: ProductResponse,
    nullable: true,
    description: 'the latest published version',
  })
  published: ProductResponse | null;
}

export class VersionDiffResponse {
  @ApiProperty() code: string;
  @ApiProperty({ type: 'integer' }) from: number;
  @ApiProperty({ type: 'integer' }) to: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: '{ field: { from, to } } for every top-level field that changed',
  })
  changes: Record<string, { from: unknown; to: unknown }>;
}

export class ProductPage extends pageResponse(ProductResponse) {}
export class AdminProductPage extends pageResponse(AdminProductResponse) {}
export class ProductVersionPage extends pageResponse(ProductVersionSummary) {}
