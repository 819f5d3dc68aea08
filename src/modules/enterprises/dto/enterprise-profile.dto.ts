import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  AGRI_OPERATOR_TYPES,
  AgriOperatorType,
  Certification,
  CERTIFICATIONS,
  ENTITY_TYPES,
  EntityType,
  FINANCING_PURPOSES,
  FinancingPurpose,
  FOUNDER_CATEGORIES,
  FounderCategory,
  Listing,
  LISTINGS,
} from '../../matching/engine/facts';
import type {
  EnterpriseCredit,
  EnterpriseFounder,
  EnterpriseHiring,
  EnterpriseProfile,
  EnterpriseReceivables,
  FinancingNeed,
  GovernmentProcurementContract,
} from '../domain/profile';

/*
 * The HTTP 400 layer of the enterprise profile (docs/rules.md): shape, types, formats and ranges.
 * What needs reference data or today's date (credit-code check digit, known region and industry,
 * founding date not in the future) is the 422 layer: validateProfileSemantics in domain/profile.ts.
 */

const MAX_YUAN = Number.MAX_SAFE_INTEGER;

/**
 * Optional but not nullable: an omitted field is an unknown fact, while `null` is a type error.
 * (IsOptional would also let null through, which the profile types and facts do not expect.)
 */
function IsOmittable(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}

/** A non-negative integer amount of yuan (or a count), at most 2^53 − 1. */
function IsMoney(): PropertyDecorator {
  return (target, key) => {
    IsInt()(target, key);
    Min(0)(target, key);
    Max(MAX_YUAN)(target, key);
  };
}

const money = { type: 'integer', minimum: 0, maximum: MAX_YUAN } as const;

export class FounderDto implements EnterpriseFounder {
  @ApiProperty({
    description: '创业者类别 (创业担保贷款 target groups and talent status)',
    enum: [...FOUNDER_CATEGORIES],
    enumName: 'FounderCategory',
    isArray: true,
    uniqueItems: true,
    example: ['college_graduate', 'veteran'],
  })
  @IsArray()
  @ArrayUnique()
  @IsIn(FOUNDER_CATEGORIES, { each: true })
  categories: FounderCategory[];

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_YUAN,
    description: '合伙创业人数: how many people start the business together',
    example: 3,
  })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(MAX_YUAN)
  partners?: number;
}

export class HiringDto implements EnterpriseHiring {
  @ApiProperty({ ...money, description: '近12个月新招用人数', example: 12 })
  @IsMoney()
  newHiresLast12Months: number;

  @ApiProperty({
    ...money,
    description: '其中符合创业担保贷款条件的人员数 (≤ newHiresLast12Months)',
    example: 5,
  })
  @IsMoney()
  newHiresFromTargetGroups: number;
}

export class CreditDto implements EnterpriseCredit {
  @ApiProperty({ description: '失信被执行人', example: false })
  @IsBoolean()
  dishonestDebtor: boolean;

  @ApiProperty({ description: '有逾期贷款', example: false })
  @IsBoolean()
  overdueLoans: boolean;

  @ApiProperty({ description: '有不良信用记录', example: false })
  @IsBoolean()
  badCreditRecord: boolean;

  @ApiProperty({ description: '拖欠工资或欠缴社保', example: false })
  @IsBoolean()
  wageOrSocialInsuranceArrears: boolean;
}

export class ReceivablesDto implements EnterpriseReceivables {
  @ApiProperty({ ...money, description: '应收账款金额（元）', example: 3_000_000 })
  @IsMoney()
  amountYuan: number;

  @ApiProperty({ description: '债务人为政府机关或大型企业', example: true })
  @IsBoolean()
  debtorIsGovernmentOrLargeEnterprise: boolean;
}

export class GovernmentProcurementContractDto implements GovernmentProcurementContract {
  @ApiProperty({ ...money, description: '已中标政府采购合同金额（元）', example: 1_500_000 })
  @IsMoney()
  amountYuan: number;
}

export class FinancingNeedDto implements FinancingNeed {
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: MAX_YUAN,
    description: '融资金额（元）',
    example: 2_000_000,
  })
  @IsInt()
  @Min(1)
  @Max(MAX_YUAN)
  amountYuan: number;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: 120,
    description: '期限（月）',
    example: 12,
  })
  @IsInt()
  @Min(1)
  @Max(120)
  termMonths: number;

  @ApiProperty({
    enum: [...FINANCING_PURPOSES],
    enumName: 'FinancingPurpose',
    description: '融资用途',
    example: 'working_capital',
  })
  @IsIn(FINANCING_PURPOSES)
  purpose: FinancingPurpose;

  @ApiProperty({ description: '可提供抵押物', example: false })
  @IsBoolean()
  collateralAvailable: boolean;
}

/** The enterprise profile an SME submits (POST/PUT /enterprises, POST /matches/preview). */
export class EnterpriseProfileDto implements EnterpriseProfile {
  @ApiPropertyOptional({
    description:
      '统一社会信用代码 (GB 32100-2015), 18 digits or upper-case letters; required for every ' +
      'entityType but `individual`. The check digit is verified (422 invalid_credit_code).',
    pattern: '^[0-9A-Z]{18}$',
    minLength: 18,
    maxLength: 18,
    example: '91360100MA35FXXX9C',
  })
  @IsOmittable()
  @IsString()
  @Matches(/^[0-9A-Z]{18}$/, { message: 'uscc must be 18 digits or upper-case letters' })
  uscc?: string;

  @ApiProperty({
    description: '登记名称',
    minLength: 1,
    maxLength: 100,
    example: '南昌某电子科技有限公司',
  })
  @IsString()
  @Length(1, 100)
  @Matches(/\S/, { message: 'name must not be blank' })
  // A lone UTF-16 surrogate is valid in JSON text but not Unicode; PostgreSQL jsonb refuses it (500).
  @Matches(/^\P{Cs}*$/u, { message: 'name must be well-formed Unicode (no lone surrogates)' })
  name: string;

  @ApiProperty({ enum: [...ENTITY_TYPES], enumName: 'EntityType', example: 'enterprise' })
  @IsIn(ENTITY_TYPES)
  entityType: EntityType;

  @ApiProperty({
    description: 'GB/T 2260 code of a Jiangxi city or county (36xxxx)',
    pattern: '^\\d{6}$',
    example: '360111',
  })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'regionCode must be 6 digits' })
  regionCode: string;

  @ApiProperty({
    description: 'GB/T 4754-2017 code: section letter + 2 to 4 digits',
    pattern: '^[A-Z]\\d{2,4}$',
    example: 'C3982',
  })
  @IsString()
  @Matches(/^[A-Z]\d{2,4}$/, { message: 'industryCode must be a letter and 2 to 4 digits' })
  industryCode: string;

  @ApiProperty({
    format: 'date',
    description: '成立日期, not in the future',
    example: '2019-04-18',
  })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'establishedOn must be a date YYYY-MM-DD' })
  @IsDateString({ strict: true }, { message: 'establishedOn must be a real date YYYY-MM-DD' })
  establishedOn: string;

  @ApiProperty({ ...money, description: '从业人员', example: 38 })
  @IsMoney()
  employees: number;

  @ApiProperty({ ...money, description: '上年营业收入（元）', example: 16_500_000 })
  @IsMoney()
  annualRevenueYuan: number;

  @ApiPropertyOptional({ ...money, description: '资产总额（元）', example: 21_000_000 })
  @IsOmittable()
  @IsMoney()
  totalAssetsYuan?: number;

  @ApiPropertyOptional({ description: '位于省级以上工业园区', example: true })
  @IsOmittable()
  @IsBoolean()
  inIndustrialPark?: boolean;

  @ApiPropertyOptional({
    enum: [...CERTIFICATIONS],
    enumName: 'Certification',
    isArray: true,
    uniqueItems: true,
    example: ['tech_sme'],
  })
  @IsOmittable()
  @IsArray()
  @ArrayUnique()
  @IsIn(CERTIFICATIONS, { each: true })
  certifications?: Certification[];

  @ApiPropertyOptional({
    enum: [...AGRI_OPERATOR_TYPES],
    enumName: 'AgriOperatorType',
    description: '新型农业经营主体类型',
    example: 'family_farm',
  })
  @IsOmittable()
  @IsIn(AGRI_OPERATOR_TYPES)
  agriOperatorType?: AgriOperatorType;

  @ApiPropertyOptional({ type: () => FounderDto, example: { categories: ['college_graduate'] } })
  @IsOmittable()
  @IsObject()
  @ValidateNested()
  @Type(() => FounderDto)
  founder?: FounderDto;

  @ApiPropertyOptional({
    type: () => HiringDto,
    example: { newHiresLast12Months: 12, newHiresFromTargetGroups: 5 },
  })
  @IsOmittable()
  @IsObject()
  @ValidateNested()
  @Type(() => HiringDto)
  hiring?: HiringDto;

  @ApiPropertyOptional({
    type: () => CreditDto,
    example: {
      dishonestDebtor: false,
      overdueLoans: false,
      badCreditRecord: false,
      wageOrSocialInsuranceArrears: false,
    },
  })
  @IsOmittable()
  @IsObject()
  @ValidateNested()
  @Type(() => CreditDto)
  credit?: CreditDto;

  @ApiPropertyOptional({
    type: () => ReceivablesDto,
    example: { amountYuan: 3_000_000, debtorIsGovernmentOrLargeEnterprise: true },
  })
  @IsOmittable()
  @IsObject()
  @ValidateNested()
  @Type(() => ReceivablesDto)
  receivables?: ReceivablesDto;

  @ApiPropertyOptional({
    type: () => GovernmentProcurementContractDto,
    example: { amountYuan: 1_500_000 },
  })
  @IsOmittable()
  @IsObject()
  @ValidateNested()
  @Type(() => GovernmentProcurementContractDto)
  governmentProcurementContract?: GovernmentProcurementContractDto;

  @ApiPropertyOptional({
    enum: [...LISTINGS],
    enumName: 'Listing',
    isArray: true,
    uniqueItems: true,
    description: 'Government lists and letters the enterprise holds',
    example: ['caiyuan_recommendation'],
  })
  @IsOmittable()
  @IsArray()
  @ArrayUnique()
  @IsIn(LISTINGS, { each: true })
  listings?: Listing[];

  @ApiPropertyOptional({ ...money, description: '上年度纳税额（元）', example: 120_000 })
  @IsOmittable()
  @IsMoney()
  taxPaidLastYearYuan?: number;

  @ApiPropertyOptional({
    description: '依法免税或享受税收优惠: exempt from tax or enjoying a tax preference',
    example: false,
  })
  @IsOmittable()
  @IsBoolean()
  taxRelief?: boolean;

  @ApiPropertyOptional({
    type: 'number',
    minimum: 0,
    maximum: 1,
    description: '稳岗率 over the last year, as a fraction',
    example: 0.95,
  })
  @IsOmittable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  jobRetentionRate?: number;

  @ApiProperty({
    type: () => FinancingNeedDto,
    example: {
      amountYuan: 2_000_000,
      termMonths: 12,
      purpose: 'working_capital',
      collateralAvailable: false,
    },
  })
  @IsObject()
  @ValidateNested()
  @Type(() => FinancingNeedDto)
  financingNeed: FinancingNeedDto;
}
