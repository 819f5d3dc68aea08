import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { pageResponse } from '../../../common/http/pagination';
import { SIZE_CLASSES } from '../../matching/engine/facts';
import { EnterpriseProfileDto } from './enterprise-profile.dto';

export class SizeClassBasisDto {
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'industry group 1–16 of the national standard',
  })
  group: number | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { zh: '工业', en: 'Industry' },
  })
  groupName: { zh: string; en: string };
  @ApiProperty({ type: [String] }) indicators: string[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'the thresholds that decided, in words',
  })
  decidedBy: { zh: string; en: string };
  @ApiProperty({
    type: [String],
    description: 'indicators the industry needs that the profile leaves out',
  })
  missing: string[];
  @ApiProperty({
    description:
      'true when the industry lies outside the standard (e.g. education, health) and is sized by ' +
      'analogy with group 16, 其他未列明行业; decidedBy then says so',
    example: false,
  })
  byAnalogy: boolean;
}

export class DerivedFactsDto {
  @ApiProperty({
    enum: SIZE_CLASSES,
    nullable: true,
    description: 'null: unknown (an indicator is missing), never a guess',
  })
  sizeClass: string | null;
  @ApiProperty({ type: SizeClassBasisDto }) sizeClassBasis: SizeClassBasisDto;
  @ApiProperty({ type: 'integer', nullable: true, description: 'whole years' })
  yearsInOperation: number | null;
  @ApiProperty({ type: String, nullable: true, example: '360100' }) cityCode: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'C' }) industrySection: string | null;
  @ApiProperty({ type: String, nullable: true, example: '39' }) industryDivision: string | null;
  @ApiProperty({ type: Number, nullable: true }) targetGroupHireShare: number | null;
  @ApiProperty({ type: Boolean, nullable: true }) hasCreditIssues: boolean | null;
}

const TRANSFERRED =
  'null only for an enterprise transferred to the caller by a claim, until the caller describes it';

export class EnterpriseResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer', nullable: true, description: TRANSFERRED })
  version: number | null;
  @ApiProperty({ type: EnterpriseProfileDto, nullable: true, description: TRANSFERRED })
  profile: EnterpriseProfileDto | null;
  @ApiProperty({ type: DerivedFactsDto, nullable: true, description: TRANSFERRED })
  derived: DerivedFactsDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class EnterprisePage {
  @ApiProperty({ type: [EnterpriseResponse] }) items: EnterpriseResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class EnterpriseVersionSummary {
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ type: EnterpriseProfileDto }) profile?: EnterpriseProfileDto;
}

export class EnterpriseVersionPage extends pageResponse(EnterpriseVersionSummary) {}
