import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { DomainError } from '../../../common/errors/domain-error';
import { unknownQueryKeys } from '../../../common/validation/validation';
import { MATCH_VIEWS, type MatchView } from '../match-view';
import { DerivedFactsDto } from '../../enterprises/dto/enterprise.response';
import { ProductOutlookDto } from '../../outcomes/dto/outcomes.dto';

class TextDto {
  @ApiProperty() zh: string;
  @ApiProperty() en: string;
}

export class CriterionDto {
  @ApiProperty({
    description: "a condition's id, or a group's JSON path (eligibility.all[2].any)",
  })
  id: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'id of the group (all/any/not) this entry sits in; null for the rule’s root',
    example: 'eligibility.all[2].any',
  })
  group: string | null;
  @ApiProperty({
    enum: ['all', 'any', 'not'],
    required: false,
    description:
      'present on groups: all = every entry under it holds, any = one of them, not = it does not',
  })
  kind?: string;
  @ApiProperty({ type: TextDto }) label: TextDto;
  @ApiProperty({ enum: ['pass', 'fail', 'unknown'] }) outcome: string;
  @ApiProperty({
    type: TextDto,
    required: false,
    description: 'the value seen and the value required',
  })
  detail?: TextDto;
}

export class ApplicableLimitDto {
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'largest loan for this enterprise, integer yuan; null: not known',
  })
  amountMaxYuan: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'longest term; null: not known' })
  termMonthsMax: number | null;
  @ApiProperty({
    type: TextDto,
    nullable: true,
    description:
      'which conditional limit applies and why, or what would decide one; null: the product’s own',
  })
  reason: TextDto | null;
}

export class MatchResultDto {
  @ApiProperty() productCode: string;
  @ApiProperty({ type: 'integer' }) productVersion: number;
  @ApiProperty({ description: 'the sources do not settle every rule of this product' })
  provisional: boolean;
  @ApiProperty({ enum: ['eligible', 'ineligible', 'needs_info'] }) status: string;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: 100,
    description:
      'fit of amount, term, collateral and cost to the stated need (README: Match score)',
  })
  score: number;
  @ApiProperty({ type: [CriterionDto] }) criteria: CriterionDto[];
  @ApiProperty({ type: [String], description: 'facts whose absence left the answer open' })
  missingFacts: string[];
  @ApiProperty({ type: [TextDto], description: 'what would change the answer' }) hints: TextDto[];
  @ApiProperty({ type: ApplicableLimitDto }) applicableLimit: ApplicableLimitDto;
  @ApiProperty({
    type: ProductOutlookDto,
    description: 'how banks decided on this product in the last 12 months (docs/outcomes.md)',
  })
  outlook: ProductOutlookDto;
}

export class QuestionDto {
  @ApiProperty({
    description: 'the profile field (or object, e.g. credit) to ask for, by its dotted path',
    example: 'taxPaidLastYearYuan',
  })
  field: string;
  @ApiProperty({ type: TextDto }) label: TextDto;
  @ApiProperty({
    type: [String],
    description: 'codes of the products one answer to this field decides, in result order',
  })
  settles: string[];
}

export class MatchPreviewResponse {
  @ApiProperty({ type: DerivedFactsDto }) derived: DerivedFactsDto;
  @ApiProperty({
    type: [MatchResultDto],
    description: 'eligible, then needs_info, then ineligible; each by descending score',
  })
  results: MatchResultDto[];
  @ApiProperty({
    type: [QuestionDto],
    description:
      'the shortest interview: fields whose absence keeps a product needs_info, the field ' +
      'settling most products first (ties: the most shared, then profile order)',
  })
  questions: QuestionDto[];
}

export class MatchRunResponse extends MatchPreviewResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) enterpriseId: string;
  @ApiProperty({ type: 'integer' }) enterpriseVersion: number;
  @ApiProperty() engineVersion: string;
  @ApiProperty({ example: '2026-11-27' }) asOf: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class MatchViewQuery {
  @ApiPropertyOptional({
    enum: MATCH_VIEWS,
    default: 'full',
    description:
      'summary: the same shape with criteria only where they explain something: none for an ' +
      'eligible product; for the others the entries that count against it under groups that do ' +
      '(not passed, or passed under a not), so every group named is listed (docs/api.md)',
  })
  @IsOptional()
  @IsIn(MATCH_VIEWS)
  view?: MatchView;

  /**
   * What the validation pipe's class-validator walk makes of a query, without it (the three match
   * routes are the hot ones; the walk cost about 5% of a preview): held equal to it by
   * match.response.spec.ts.
   */
  static fromQuery(query: unknown): MatchViewQuery {
    const given = (typeof query === 'object' && query !== null ? query : {}) as {
      view?: unknown;
    };
    const issues = unknownQueryKeys(given, ['view']);
    const { view } = given;
    if (view != null && !(MATCH_VIEWS as readonly unknown[]).includes(view)) {
      issues.push({
        path: 'view',
        message: `view must be one of the following values: ${MATCH_VIEWS.join(', ')}`,
        code: 'isIn',
      });
    }
    if (issues.length > 0) throw DomainError.invalid(issues);
    const dto = new MatchViewQuery();
    if (view !== undefined) dto.view = view as MatchView;
    return dto;
  }
}
