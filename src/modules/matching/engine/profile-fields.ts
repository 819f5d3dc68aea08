/**
 * The enterprise profile, declared once (docs: CONTRIBUTING.md, "Add a fact the rules can use").
 * Everything else is generated from this table: the rule facts (`FACTS` in facts.ts), the
 * `EnterpriseProfile` type (inferred below), the JSON Schema that validates request bodies and the
 * OpenAPI schema (enterprises/dto), and the order and labels of interview questions.
 */

/** A bilingual label. */
export interface FieldText {
  readonly zh: string;
  readonly en: string;
}

/** Labels of an enumeration's values, by value, in the enumeration's order. */
export type ValueLabels = Readonly<Record<string, FieldText>>;

interface Common {
  /** An omitted optional field is an unknown fact. */
  readonly optional?: boolean;
  readonly label: FieldText;
  /** Shown in the API documentation (OpenAPI). */
  readonly description?: string;
  readonly example?: unknown;
}

/** How a leaf is shown to a person in explanations (detail.ts). */
export type Display = 'money' | 'count' | 'ratio' | 'years' | 'months' | 'plain';

/** A field of the profile (a leaf) or a nested object of fields. */
export type FieldSpec =
  | (Common & {
      readonly kind: 'integer' | 'number';
      readonly minimum: number;
      readonly maximum: number;
      readonly display: Display;
    })
  | (Common & {
      readonly kind: 'string';
      /** What the request body must match (JSON Schema `pattern`). */
      readonly pattern?: string;
      readonly minLength?: number;
      readonly maxLength?: number;
      /** What rule values for this fact must match, when stricter than the body. */
      readonly rulePattern?: RegExp;
    })
  | (Common & { readonly kind: 'date' })
  | (Common & { readonly kind: 'boolean' })
  | (Common & {
      readonly kind: 'enum' | 'enumArray';
      readonly values: ValueLabels;
      /** Name of the enumeration in the OpenAPI document. */
      readonly enumName: string;
    })
  | (Common & {
      readonly kind: 'object';
      /** Name of the object's schema in the OpenAPI document. */
      readonly schemaName: string;
      readonly fields: FieldTable;
    });

/** Fields by name, in the order the profile lists them. */
export type FieldTable = Readonly<Record<string, FieldSpec>>;

// ---- Enumerations, each value with its label ------------------------------------------------

export const ENTITY_TYPE_LABELS = {
  enterprise: { zh: '企业', en: 'Enterprise' },
  individual_business: { zh: '个体工商户', en: 'Individual business' },
  farmer_cooperative: { zh: '农民专业合作社', en: 'Farmer cooperative' },
  family_farm: { zh: '家庭农场', en: 'Family farm' },
  partnership: { zh: '合伙创业', en: 'Partnership start-up' },
  individual: { zh: '自然人创业者', en: 'Individual founder' },
} as const;

export const CERTIFICATION_LABELS = {
  high_tech_enterprise: { zh: '高新技术企业', en: 'High-tech enterprise' },
  tech_sme: { zh: '科技型中小企业', en: 'Tech-based SME' },
  specialized_sme: { zh: '专精特新中小企业', en: 'Specialised and innovative SME' },
  specialized_little_giant: { zh: '专精特新"小巨人"', en: 'Specialised "little giant"' },
  cultural_enterprise: { zh: '文化企业', en: 'Cultural enterprise' },
  agri_leading_enterprise: { zh: '农业产业化龙头企业', en: 'Leading agricultural enterprise' },
} as const;

export const AGRI_OPERATOR_TYPE_LABELS = {
  large_grower: { zh: '种养大户', en: 'Large grower' },
  family_farm: { zh: '家庭农场', en: 'Family farm' },
  farmer_cooperative: { zh: '农民专业合作社', en: 'Farmer cooperative' },
  leading_enterprise: { zh: '农业龙头企业', en: 'Leading agricultural enterprise' },
} as const;

export const FOUNDER_CATEGORY_LABELS = {
  college_graduate: { zh: '高校毕业生', en: 'College graduate' },
  registered_unemployed: { zh: '城镇登记失业人员', en: 'Registered unemployed' },
  hard_to_employ: { zh: '就业困难人员', en: 'Hard to employ' },
  veteran: { zh: '退役军人', en: 'Veteran' },
  returning_migrant_worker: { zh: '返乡创业农民工', en: 'Returning migrant worker' },
  rural_self_employed: { zh: '农村自主创业农民', en: 'Rural self-employed' },
  poverty_alleviated: { zh: '脱贫人口', en: 'Lifted out of poverty' },
  disabled: { zh: '残疾人', en: 'Person with a disability' },
  high_level_talent: { zh: '高层次人才', en: 'High-level talent' },
  trade_union_member: { zh: '工会会员', en: 'Trade union member' },
  model_worker: { zh: '劳动模范', en: 'Model worker' },
} as const;

export const LISTING_LABELS = {
  caiyuan_recommendation: {
    zh: '财园信贷通推荐函',
    en: 'Caiyuan credit recommendation letter',
  },
  culture_loan_pool: { zh: '文企贷入库企业', en: 'In the culture-loan enterprise pool' },
  culture_loan_premium: {
    zh: '文企贷特别优质企业',
    en: 'Rated especially high-quality in the culture-loan pool',
  },
  industry_finance_whitelist: {
    zh: '产融合作重点企业名单',
    en: 'Industry–finance key-enterprise list',
  },
  financing_coordination_list: {
    zh: '小微企业融资协调机制推荐清单',
    en: 'Small-business financing coordination list',
  },
} as const;

export const FINANCING_PURPOSE_LABELS = {
  working_capital: { zh: '流动资金', en: 'Working capital' },
  equipment: { zh: '购置设备', en: 'Equipment' },
  technology: { zh: '技术研发', en: 'Technology' },
  expansion: { zh: '扩大经营', en: 'Expansion' },
  startup: { zh: '创业', en: 'Starting up' },
  agriculture: { zh: '农业生产', en: 'Agriculture' },
} as const;

export const SIZE_CLASS_LABELS = {
  large: { zh: '大型企业', en: 'Large enterprise' },
  medium: { zh: '中型企业', en: 'Medium enterprise' },
  small: { zh: '小型企业', en: 'Small enterprise' },
  micro: { zh: '微型企业', en: 'Micro enterprise' },
} as const;

const MAX_YUAN = Number.MAX_SAFE_INTEGER;
const money = { kind: 'integer', minimum: 0, maximum: MAX_YUAN, display: 'money' } as const;
const count = { kind: 'integer', minimum: 0, maximum: MAX_YUAN, display: 'count' } as const;
// Stryker disable next-line BooleanLiteral: the example only shows in the API documentation (OpenAPI)
const flag = (zh: string, en: string, example = false) =>
  ({ kind: 'boolean', label: { zh, en }, example }) as const;

/** The profile an SME submits (docs/rules.md, "The profile"), in its documented order. */
export const PROFILE_FIELDS = {
  uscc: {
    kind: 'string',
    optional: true,
    pattern: '^[0-9A-Z]{18}$',
    minLength: 18,
    maxLength: 18,
    label: { zh: '统一社会信用代码', en: 'Unified social credit code' },
    description:
      '统一社会信用代码 (GB 32100-2015), 18 digits or upper-case letters; required for every ' +
      'entityType but `individual`. The check digit is verified (422 invalid_credit_code).',
    example: '91360100MA35FXXX9C',
  },
  name: {
    kind: 'string',
    minLength: 1,
    maxLength: 100,
    // Well-formed Unicode only: PostgreSQL cannot store a lone surrogate.
    pattern: '^(?=.*\\S)[^\\uD800-\\uDFFF]*$',
    label: { zh: '名称', en: 'Registered name' },
    description: '登记名称',
    example: '南昌某电子科技有限公司',
  },
  entityType: {
    kind: 'enum',
    values: ENTITY_TYPE_LABELS,
    enumName: 'EntityType',
    label: { zh: '主体类型', en: 'Entity type' },
    example: 'enterprise',
  },
  regionCode: {
    kind: 'string',
    pattern: '^\\d{6}$',
    rulePattern: /^36\d{4}$/,
    label: { zh: '所在区县', en: 'County or city' },
    description: 'GB/T 2260 code of a Jiangxi city or county (36xxxx)',
    example: '360111',
  },
  industryCode: {
    kind: 'string',
    pattern: '^[A-Z]\\d{2,4}$',
    rulePattern: /^[A-T]\d{2,4}$/,
    label: { zh: '所属行业', en: 'Industry' },
    description: 'GB/T 4754-2017 code: section letter + 2 to 4 digits',
    example: 'C3982',
  },
  establishedOn: {
    kind: 'date',
    label: { zh: '成立日期', en: 'Date established' },
    description: '成立日期, not in the future',
    example: '2019-04-18',
  },
  employees: { ...count, label: { zh: '从业人员', en: 'Employees' }, example: 38 },
  annualRevenueYuan: {
    ...money,
    label: { zh: '上年营业收入', en: 'Revenue last year' },
    description: '上年营业收入（元）',
    example: 16_500_000,
  },
  totalAssetsYuan: {
    ...money,
    optional: true,
    label: { zh: '资产总额', en: 'Total assets' },
    description: '资产总额（元）',
    example: 21_000_000,
  },
  inIndustrialPark: {
    // The programme sources say "industrial park" and name no level (docs/domain/programmes.md).
    ...flag('位于工业园区', 'Located in an industrial park', true),
    optional: true,
  },
  certifications: {
    kind: 'enumArray',
    optional: true,
    values: CERTIFICATION_LABELS,
    enumName: 'Certification',
    label: { zh: '资质认定', en: 'Certifications' },
    example: ['tech_sme'],
  },
  agriOperatorType: {
    kind: 'enum',
    optional: true,
    values: AGRI_OPERATOR_TYPE_LABELS,
    enumName: 'AgriOperatorType',
    label: { zh: '新型农业经营主体类型', en: 'Agricultural operator type' },
    example: 'family_farm',
  },
  founder: {
    kind: 'object',
    optional: true,
    schemaName: 'FounderDto',
    label: { zh: '创业者', en: 'Founder' },
    fields: {
      categories: {
        kind: 'enumArray',
        values: FOUNDER_CATEGORY_LABELS,
        enumName: 'FounderCategory',
        label: { zh: '创业者类别', en: 'Founder categories' },
        description: '创业者类别 (创业担保贷款 target groups and talent status)',
        example: ['college_graduate', 'veteran'],
      },
      partners: {
        kind: 'integer',
        optional: true,
        minimum: 1,
        maximum: MAX_YUAN,
        display: 'count',
        label: { zh: '合伙创业人数', en: 'Partners starting the business together' },
        description: '合伙创业人数: how many people start the business together',
        example: 3,
      },
    },
  },
  hiring: {
    kind: 'object',
    optional: true,
    schemaName: 'HiringDto',
    label: { zh: '近一年招用情况', en: 'Hiring in the last year' },
    fields: {
      newHiresLast12Months: {
        ...count,
        label: { zh: '近12个月新招用人数', en: 'New hires, last 12 months' },
        example: 12,
      },
      newHiresFromTargetGroups: {
        ...count,
        label: { zh: '新招用符合条件人员数', en: 'New hires from target groups' },
        description: '其中符合创业担保贷款条件的人员数 (≤ newHiresLast12Months)',
        example: 5,
      },
    },
  },
  credit: {
    kind: 'object',
    optional: true,
    schemaName: 'CreditDto',
    label: { zh: '信用状况', en: 'Credit record' },
    fields: {
      dishonestDebtor: flag('失信被执行人', 'Listed dishonest judgment debtor'),
      overdueLoans: flag('有逾期贷款', 'Has overdue loans'),
      badCreditRecord: flag('有不良信用记录', 'Has a bad credit record'),
      wageOrSocialInsuranceArrears: flag('拖欠工资或欠缴社保', 'Wage or social-insurance arrears'),
    },
  },
  receivables: {
    kind: 'object',
    optional: true,
    schemaName: 'ReceivablesDto',
    label: { zh: '应收账款', en: 'Receivables' },
    fields: {
      amountYuan: {
        ...money,
        label: { zh: '应收账款金额', en: 'Receivables' },
        description: '应收账款金额（元）',
        example: 3_000_000,
      },
      debtorIsGovernmentOrLargeEnterprise: flag(
        '应收账款债务人为政府或大型企业',
        'Receivables owed by government or a large enterprise',
        true,
      ),
    },
  },
  governmentProcurementContract: {
    kind: 'object',
    optional: true,
    schemaName: 'GovernmentProcurementContractDto',
    label: { zh: '政府采购合同', en: 'Government procurement contract' },
    fields: {
      amountYuan: {
        ...money,
        label: { zh: '政府采购合同金额', en: 'Government procurement contract' },
        description: '已中标政府采购合同金额（元）',
        example: 1_500_000,
      },
    },
  },
  listings: {
    kind: 'enumArray',
    optional: true,
    values: LISTING_LABELS,
    enumName: 'Listing',
    label: { zh: '入选名单与推荐函', en: 'Government lists and letters held' },
    description: 'Government lists and letters the enterprise holds',
    example: ['caiyuan_recommendation'],
  },
  taxPaidLastYearYuan: {
    ...money,
    optional: true,
    label: { zh: '上年度纳税额', en: 'Tax paid last year' },
    description: '上年度纳税额（元）',
    example: 120_000,
  },
  taxRelief: {
    ...flag('依法免税或享受税收优惠', 'Exempt from tax or enjoying a tax preference'),
    optional: true,
    description: '依法免税或享受税收优惠: exempt from tax or enjoying a tax preference',
  },
  jobRetentionRate: {
    kind: 'number',
    optional: true,
    minimum: 0,
    maximum: 1,
    display: 'ratio',
    label: { zh: '稳岗率', en: 'Job retention rate' },
    description: '稳岗率 over the last year, as a fraction',
    example: 0.95,
  },
  financingNeed: {
    kind: 'object',
    schemaName: 'FinancingNeedDto',
    label: { zh: '融资需求', en: 'Financing need' },
    fields: {
      amountYuan: {
        kind: 'integer',
        minimum: 1,
        maximum: MAX_YUAN,
        display: 'money',
        label: { zh: '融资金额', en: 'Amount needed' },
        description: '融资金额（元）',
        example: 2_000_000,
      },
      termMonths: {
        kind: 'integer',
        minimum: 1,
        maximum: 120,
        display: 'months',
        label: { zh: '融资期限', en: 'Term needed' },
        description: '期限（月）',
        example: 12,
      },
      purpose: {
        kind: 'enum',
        values: FINANCING_PURPOSE_LABELS,
        enumName: 'FinancingPurpose',
        label: { zh: '融资用途', en: 'Purpose' },
        example: 'working_capital',
      },
      collateralAvailable: flag('可提供抵押物', 'Collateral available'),
    },
  },
} as const satisfies FieldTable;

// ---- The profile type, inferred from the table ------------------------------------------------

type LeafValue<F> = F extends { kind: 'integer' | 'number' }
  ? number
  : F extends { kind: 'string' | 'date' }
    ? string
    : F extends { kind: 'boolean' }
      ? boolean
      : F extends { kind: 'enum'; values: infer V }
        ? keyof V & string
        : F extends { kind: 'enumArray'; values: infer V }
          ? (keyof V & string)[]
          : F extends { kind: 'object'; fields: infer T }
            ? ProfileOf<T>
            : never;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The object type a field table declares: optional fields become optional properties. */
export type ProfileOf<T> = Simplify<
  { -readonly [K in keyof T as T[K] extends { optional: true } ? never : K]: LeafValue<T[K]> } & {
    -readonly [K in keyof T as T[K] extends { optional: true } ? K : never]?: LeafValue<T[K]>;
  }
>;

/** An enterprise profile as submitted; money in integer yuan, dates `YYYY-MM-DD`. */
export type DeclaredProfile = ProfileOf<typeof PROFILE_FIELDS>;

/** A leaf field with its dotted path (`credit.overdueLoans`) and the path of each ancestor. */
export interface ProfileLeaf {
  path: string;
  spec: Exclude<FieldSpec, { kind: 'object' }>;
  /** Paths of the objects it sits in, outermost first (`['credit']`). */
  parents: string[];
}

/** Every leaf of a field table, in declaration order. */
export function profileLeaves(table: FieldTable = PROFILE_FIELDS, prefix = ''): ProfileLeaf[] {
  const out: ProfileLeaf[] = [];
  for (const [name, spec] of Object.entries(table)) {
    const path = prefix ? `${prefix}.${name}` : name;
    if (spec.kind === 'object') {
      for (const leaf of profileLeaves(spec.fields, path)) {
        out.push({ ...leaf, parents: [path, ...leaf.parents] });
      }
    } else {
      out.push({ path, spec, parents: [] });
    }
  }
  return out;
}

/** The declaration of a field or object by its dotted path, or undefined. */
export function profileField(path: string): FieldSpec | undefined {
  let table: FieldTable = PROFILE_FIELDS;
  let spec: FieldSpec | undefined;
  for (const segment of path.split('.')) {
    spec = Object.prototype.hasOwnProperty.call(table, segment) ? table[segment] : undefined;
    if (!spec) return undefined;
    table = spec.kind === 'object' ? spec.fields : {};
  }
  return spec;
}
