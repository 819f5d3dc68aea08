/**
 * The fact vocabulary of the rule language (docs/rules.md). The profile facts are generated from
 * the one profile declaration (profile-fields.ts); the derived facts the service computes are
 * declared here. The validator checks rules against this table and explanations read its labels.
 */
import {
  AGRI_OPERATOR_TYPE_LABELS,
  CERTIFICATION_LABELS,
  ENTITY_TYPE_LABELS,
  FINANCING_PURPOSE_LABELS,
  FOUNDER_CATEGORY_LABELS,
  LISTING_LABELS,
  PROFILE_FIELDS,
  SIZE_CLASS_LABELS,
  profileLeaves,
  type Display,
  type FieldSpec,
  type FieldText,
  type ValueLabels,
} from './profile-fields';
import industries from '../../enterprises/domain/data/industries.json';

const keysOf = <T extends object>(labels: T) =>
  Object.freeze(Object.keys(labels)) as readonly (keyof T & string)[];

export const ENTITY_TYPES = keysOf(ENTITY_TYPE_LABELS);
export type EntityType = (typeof ENTITY_TYPES)[number];
export const CERTIFICATIONS = keysOf(CERTIFICATION_LABELS);
export type Certification = (typeof CERTIFICATIONS)[number];
export const AGRI_OPERATOR_TYPES = keysOf(AGRI_OPERATOR_TYPE_LABELS);
export type AgriOperatorType = (typeof AGRI_OPERATOR_TYPES)[number];
export const FOUNDER_CATEGORIES = keysOf(FOUNDER_CATEGORY_LABELS);
export type FounderCategory = (typeof FOUNDER_CATEGORIES)[number];
export const LISTINGS = keysOf(LISTING_LABELS);
export type Listing = (typeof LISTINGS)[number];
export const FINANCING_PURPOSES = keysOf(FINANCING_PURPOSE_LABELS);
export type FinancingPurpose = (typeof FINANCING_PURPOSES)[number];
export const SIZE_CLASSES = keysOf(SIZE_CLASS_LABELS);
export type SizeClass = (typeof SIZE_CLASSES)[number];

/**
 * The type of a fact as rules see it.
 * - `integer` / `number`: compared numerically; `integer` values must be safe integers.
 * - `string`: free string (codes); `date`: `YYYY-MM-DD`, ordered chronologically.
 * - `boolean`.
 * - `enum`: one string out of `values`.
 * - `enumArray`: an array of strings out of `values` (use `contains` / `doesNotContain`).
 */
export type FactType =
  | { kind: 'integer'; min?: number; max?: number }
  | { kind: 'number'; min?: number; max?: number }
  | { kind: 'string'; pattern?: RegExp }
  | { kind: 'date' }
  | { kind: 'boolean' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'enumArray'; values: readonly string[] };

export interface FactDefinition {
  type: FactType;
  /** `profile`: submitted by the SME; `derived`: computed by the service (rules.md). */
  source: 'profile' | 'derived';
  label: FieldText;
  /** How values are shown to a person: money in 万元/yuan, ratios as percentages, ... */
  display: Display;
  /** Labels of enum values (enum and enumArray facts). */
  valueLabels?: ValueLabels;
  /** Profile fields a derived fact is computed from (asking one of them can settle it). */
  inputs?: readonly string[];
}

type LeafPaths<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends { kind: 'object'; fields: infer F }
    ? LeafPaths<F, `${P}${K}.`>
    : `${P}${K}`;
}[keyof T & string];

/**
 * GB/T 4754-2017 sections (门类) by letter, so that explanations name the industry instead of
 * showing a bare letter. Read from the industry data file, the one place their names are kept.
 */
export const INDUSTRY_SECTION_LABELS: ValueLabels = Object.freeze(
  Object.fromEntries(
    industries.sections.map((s) => [s.code, Object.freeze({ zh: s.name, en: s.nameEn })]),
  ),
);

/** The derived facts (rules.md, "Derived facts"), computed by enterprises/domain/derived-facts. */
const DERIVED_FACTS = {
  sizeClass: {
    type: { kind: 'enum', values: SIZE_CLASSES },
    source: 'derived',
    label: { zh: '企业规模', en: 'Size class' },
    display: 'plain',
    valueLabels: SIZE_CLASS_LABELS,
    inputs: ['industryCode', 'employees', 'annualRevenueYuan', 'totalAssetsYuan'],
  },
  yearsInOperation: {
    type: { kind: 'integer', min: 0 },
    source: 'derived',
    label: { zh: '经营年限', en: 'Years in operation' },
    display: 'years',
    inputs: ['establishedOn'],
  },
  cityCode: {
    type: { kind: 'string', pattern: /^36\d{2}00$/ },
    source: 'derived',
    label: { zh: '所在设区市', en: 'City' },
    display: 'plain',
    inputs: ['regionCode'],
  },
  industrySection: {
    type: { kind: 'string', pattern: /^[A-T]$/ },
    source: 'derived',
    label: { zh: '行业门类', en: 'Industry section' },
    display: 'plain',
    valueLabels: INDUSTRY_SECTION_LABELS,
    inputs: ['industryCode'],
  },
  industryDivision: {
    type: { kind: 'string', pattern: /^\d{2}$/ },
    source: 'derived',
    label: { zh: '行业大类', en: 'Industry division' },
    display: 'plain',
    inputs: ['industryCode'],
  },
  targetGroupHireShare: {
    type: { kind: 'number', min: 0 },
    source: 'derived',
    label: {
      zh: '新招用重点群体人数占在职职工比例',
      en: 'Target-group new hires as a share of staff',
    },
    display: 'ratio',
    inputs: ['hiring', 'employees'],
  },
  hasCreditIssues: {
    type: { kind: 'boolean' },
    source: 'derived',
    label: { zh: '存在信用问题', en: 'Has credit issues' },
    display: 'plain',
    inputs: ['credit'],
  },
} as const satisfies Record<string, FactDefinition>;

/** The name of a fact a rule may read: a profile leaf's dotted path or a derived fact. */
export type FactName = LeafPaths<typeof PROFILE_FIELDS> | keyof typeof DERIVED_FACTS;

function factType(spec: Exclude<FieldSpec, { kind: 'object' }>): FactType {
  switch (spec.kind) {
    case 'integer':
    case 'number':
      return {
        kind: spec.kind,
        min: spec.minimum,
        ...(spec.maximum < Number.MAX_SAFE_INTEGER ? { max: spec.maximum } : {}),
      };
    case 'string':
      return spec.rulePattern ? { kind: 'string', pattern: spec.rulePattern } : { kind: 'string' };
    case 'date':
    case 'boolean':
      return { kind: spec.kind };
    case 'enum':
    case 'enumArray':
      return { kind: spec.kind, values: Object.keys(spec.values) };
  }
}

function profileFacts(): Record<string, FactDefinition> {
  const out: Record<string, FactDefinition> = {};
  for (const { path, spec } of profileLeaves(PROFILE_FIELDS)) {
    out[path] = {
      type: factType(spec),
      source: 'profile',
      label: spec.label,
      display: spec.kind === 'integer' || spec.kind === 'number' ? spec.display : 'plain',
      ...(spec.kind === 'enum' || spec.kind === 'enumArray' ? { valueLabels: spec.values } : {}),
    };
  }
  return out;
}

/** Every fact a rule may name, by its dotted path: the profile's leaves, then the derived facts. */
export const FACTS: Readonly<Record<FactName, FactDefinition>> = Object.freeze({
  ...profileFacts(),
  ...DERIVED_FACTS,
} as unknown as Record<FactName, FactDefinition>);

export function isFactName(name: string): name is FactName {
  return Object.prototype.hasOwnProperty.call(FACTS, name);
}
