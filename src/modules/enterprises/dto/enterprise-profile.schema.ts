import {
  AGRI_OPERATOR_TYPES,
  CERTIFICATIONS,
  ENTITY_TYPES,
  FINANCING_PURPOSES,
  FOUNDER_CATEGORIES,
  LISTINGS,
} from '../../matching/engine/facts';

/**
 * The profile as JSON Schema, compiled once by Fastify's Ajv and checked before the handler runs:
 * the HTTP 400 layer of every profile route (POST/PUT /enterprises, POST /matches/preview), kept
 * off class-validator because the preview is the hot path. `EnterpriseProfileDto` documents the same
 * shape for OpenAPI; a unit test holds the two to the same answers.
 */
const money = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER } as const;
const bool = { type: 'boolean' } as const;
const enumSet = (values: readonly string[]) =>
  ({
    type: 'array',
    uniqueItems: true,
    maxItems: values.length,
    items: { type: 'string', enum: [...values] },
  }) as const;
const object = (properties: Record<string, unknown>, required = Object.keys(properties)) =>
  ({ type: 'object', additionalProperties: false, required, properties }) as const;

export const ENTERPRISE_PROFILE_SCHEMA = object(
  {
    uscc: { type: 'string', pattern: '^[0-9A-Z]{18}$' },
    // Well-formed Unicode only: PostgreSQL cannot store a lone surrogate.
    name: {
      type: 'string',
      minLength: 1,
      maxLength: 100,
      pattern: '^(?=.*\\S)[^\\uD800-\\uDFFF]*$',
    },
    entityType: { type: 'string', enum: [...ENTITY_TYPES] },
    regionCode: { type: 'string', pattern: '^\\d{6}$' },
    industryCode: { type: 'string', pattern: '^[A-Z]\\d{2,4}$' },
    establishedOn: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', format: 'date' },
    employees: money,
    annualRevenueYuan: money,
    totalAssetsYuan: money,
    inIndustrialPark: bool,
    certifications: enumSet(CERTIFICATIONS),
    agriOperatorType: { type: 'string', enum: [...AGRI_OPERATOR_TYPES] },
    founder: object(
      {
        categories: enumSet(FOUNDER_CATEGORIES),
        partners: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
      },
      ['categories'],
    ),
    hiring: object({ newHiresLast12Months: money, newHiresFromTargetGroups: money }),
    credit: object({
      dishonestDebtor: bool,
      overdueLoans: bool,
      badCreditRecord: bool,
      wageOrSocialInsuranceArrears: bool,
    }),
    receivables: object({ amountYuan: money, debtorIsGovernmentOrLargeEnterprise: bool }),
    governmentProcurementContract: object({ amountYuan: money }),
    listings: enumSet(LISTINGS),
    taxPaidLastYearYuan: money,
    taxRelief: bool,
    jobRetentionRate: { type: 'number', minimum: 0, maximum: 1 },
    financingNeed: object({
      amountYuan: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
      termMonths: { type: 'integer', minimum: 1, maximum: 120 },
      purpose: { type: 'string', enum: [...FINANCING_PURPOSES] },
      collateralAvailable: bool,
    }),
  },
  [
    'name',
    'entityType',
    'regionCode',
    'industryCode',
    'establishedOn',
    'employees',
    'annualRevenueYuan',
    'financingNeed',
  ],
);
