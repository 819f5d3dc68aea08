import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import { titleFor } from '../errors/problem-details.filter';

export class FieldErrorDto {
  @ApiProperty({ example: 'financingNeed.amountYuan' }) path: string;
  @ApiProperty({ example: 'amountYuan must not be less than 1' }) message: string;
  @ApiProperty({ example: 'min' }) code: string;
}

/** RFC 9457 problem details, as every error is rendered (content type application/problem+json). */
export class ProblemDetailsDto {
  @ApiProperty({ example: 'https://sme-finance-matcher.example/problems/validation_failed' })
  type: string;
  @ApiProperty({ example: 'Bad Request' }) title: string;
  @ApiProperty({ type: 'integer', example: 400 }) status: number;
  @ApiProperty({ example: 'The request is malformed.' }) detail: string;
  @ApiProperty({
    example: 'validation_failed',
    description:
      'Stable machine-readable code: validation_failed, not_found, forbidden, unauthenticated, conflict, invalid_transition, not_eligible, idempotency_key_reused, invalid_credit_code, rate_limited, …',
  })
  code: string;
  @ApiPropertyOptional() instance?: string;
  @ApiPropertyOptional({ description: 'Quote this when reporting a problem' }) requestId?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) errors?: FieldErrorDto[];
}

/** Documents the problem-details answers a route can give. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: titleFor(status),
        content: {
          'application/problem+json': {
            schema: { $ref: '#/components/schemas/ProblemDetailsDto' },
          },
        },
      }),
    ),
  );
}

/**
 * Documents problem-details answers together with the codes each can carry, so that a client reads
 * which refusals a route has (and the contract check holds the server to them):
 * `@ApiProblemCodes({ 409: ['invalid_transition', 'reroute_limit_reached'] })`.
 */
export function ApiProblemCodes(
  codes: Partial<Record<number, readonly string[]>>,
): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...Object.entries(codes).map(([status, list]) =>
      ApiResponse({
        status: Number(status),
        description: `${titleFor(Number(status))}: ${list!.join(', ')}`,
        content: {
          'application/problem+json': {
            schema: {
              allOf: [
                { $ref: '#/components/schemas/ProblemDetailsDto' },
                { type: 'object', properties: { code: { type: 'string', enum: [...list!] } } },
              ],
            },
          },
        },
      }),
    ),
  );
}
