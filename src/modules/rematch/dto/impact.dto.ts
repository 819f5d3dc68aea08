import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** `{}` previews the current draft; `{version}` a published version. */
export class ImpactRequestDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 2147483647,
    description: 'A published version to preview instead of the draft',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2147483647)
  version?: number;
}

export class ImpactExampleDto {
  @ApiProperty({ format: 'uuid' }) enterpriseId: string;
  @ApiProperty({ example: '南昌某电子科技有限公司' }) name: string;
}

export class ImpactExamplesDto {
  @ApiProperty({ type: [ImpactExampleDto], maxItems: 20 }) gained: ImpactExampleDto[];
  @ApiProperty({ type: [ImpactExampleDto], maxItems: 20 }) lost: ImpactExampleDto[];
}

export class ImpactTimingsDto {
  @ApiProperty({ type: 'integer', description: 'waiting for PostgreSQL pages' }) readMs: number;
  @ApiProperty({ type: 'integer', description: 'derived facts and fact vectors' })
  deriveMs: number;
  @ApiProperty({ type: 'integer', description: 'both compiled rules' }) evaluateMs: number;
}

export class ImpactResponse {
  @ApiProperty({ example: 'KEDAITONG' }) code: string;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'The published version previewed; null for the draft',
  })
  version: number | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'The version in force it is compared with; null when none is',
  })
  comparedToVersion: number | null;
  @ApiProperty({ type: 'integer' }) evaluated: number;
  @ApiProperty({ example: '2026-12-02', description: 'The day facts were derived for' })
  asOf: string;
  @ApiProperty({ type: 'integer' }) durationMs: number;
  @ApiProperty({ type: ImpactTimingsDto }) timings: ImpactTimingsDto;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { 'ineligible→eligible': 120, 'eligible→eligible': 5400, 'none→eligible': 0 },
    description:
      'Counts by `from→to` (eligible, ineligible, needs_info; `none` when no version is in force), same-status pairs included',
  })
  transitions: Record<string, number>;
  @ApiProperty({ type: 'integer' }) gained: number;
  @ApiProperty({ type: 'integer' }) lost: number;
  @ApiProperty({ type: ImpactExamplesDto }) examples: ImpactExamplesDto;
}

export class RematchProgressResponse {
  @ApiProperty({ example: 'KEDAITONG' }) code: string;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ enum: ['publish', 'retire'] }) kind: 'publish' | 'retire';
  @ApiProperty({ enum: ['queued', 'running', 'done'] }) state: 'queued' | 'running' | 'done';
  @ApiProperty({ type: 'integer', description: 'Enterprises to evaluate' }) total: number;
  @ApiProperty({ type: 'integer' }) done: number;
  @ApiProperty({ type: 'integer', description: 'Enterprises whose eligibility changed' })
  changed: number;
  @ApiProperty({ type: 'integer', description: 'SMEs told (at most one per enterprise)' })
  notified: number;
  @ApiProperty({ format: 'date-time' }) queuedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: string | null;
}
