/**
 * Structural checks of the seed catalogue: every product is well-formed, cites the sources its
 * provenance notes list for it (PROVENANCE.md, "Sources"), names
 * real partner banks and has a rule that the rule language (docs/rules.md) accepts for the fact
 * vocabulary (facts.ts). The checkers are tested on bad input too, so that they can fail.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { FACTS, type FactType, isFactName } from '../../src/modules/matching/engine/facts';
import { BANKS, JIANGXI_CITY_CODES } from './banks';
import { PRODUCTS } from './products';
import {
  COLLATERAL_REQUIREMENTS,
  type Condition,
  OPERATORS,
  type Operator,
  PRODUCT_CATEGORIES,
  RATE_BASES,
  type Rule,
  type SeedProduct,
  type Text,
} from './seed-types';
import { applicableLimit, compileLimits, resolveFacts } from '../../src/modules/matching/engine';

const PROVENANCE_MD = readFileSync(join(__dirname, 'PROVENANCE.md'), 'utf8');

/**
 * The URLs PROVENANCE.md lists under each product code in its "Sources" section
 * (`### CODE` headings, one `- <url> — what it supports` item per source).
 */
function sourcesByProduct(markdown: string): Map<string, string[]> {
  const start = markdown.indexOf('\n## Sources\n');
  if (start < 0) return new Map();
  const section = markdown.slice(start + 1).split(/\n## /)[0];
  const out = new Map<string, string[]>();
  let code: string | null = null;
  for (const line of section.split('\n')) {
    const heading = /^### ([A-Z][A-Z0-9_]*)\s*$/.exec(line);
    if (heading) {
      code = heading[1];
      out.set(code, []);
      continue;
    }
    const item = /^- (https?:\/\/\S+)/.exec(line);
    if (item && code) out.get(code)?.push(item[1]);
  }
  return out;
}
const SOURCES = sourcesByProduct(PROVENANCE_MD);
const REGIONS = JSON.parse(
  readFileSync(
    join(__dirname, '..', '..', 'src', 'modules', 'enterprises', 'domain', 'data', 'regions.json'),
    'utf8',
  ),
) as {
  cities: { code: string; counties: { code: string }[] }[];
};
const KNOWN_REGION_CODES = new Set(
  REGIONS.cities.flatMap((city) => [city.code, ...city.counties.map((county) => county.code)]),
);

const EXPECTED_CODES = [
  'CAIYUAN_XINDAITONG',
  'HUINONG_XINDAITONG',
  'KEDAITONG',
  'GANGONGDAI',
  'WENQIDAI',
  'STARTUP_LOAN_INDIVIDUAL',
  'STARTUP_LOAN_PARTNERSHIP',
  'STARTUP_LOAN_SME',
  'GOV_PROCUREMENT_LOAN',
  'RECEIVABLES_FINANCING',
];
const CODE_PATTERN = /^[A-Z][A-Z0-9_]{1,63}$/;
const CONDITION_ID_PATTERN = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

// ----------------------------------------------------------------------------------------------
// Checkers (pure; each returns the problems it finds, [] when none).
// ----------------------------------------------------------------------------------------------

function isCondition(rule: Rule): rule is Condition {
  return 'fact' in rule;
}

/** Every condition of a rule tree, depth first. */
function conditionsOf(rule: Rule): Condition[] {
  if (isCondition(rule)) return [rule];
  if ('all' in rule) return rule.all.flatMap(conditionsOf);
  if ('any' in rule) return rule.any.flatMap(conditionsOf);
  return conditionsOf(rule.not);
}

/** Conditions the root outcome cannot pass without: reached from the root through `all` only. */
function mandatoryConditionsOf(rule: Rule): Condition[] {
  if (isCondition(rule)) return [rule];
  if ('all' in rule) return rule.all.flatMap(mandatoryConditionsOf);
  return [];
}

function textProblems(text: Text | undefined, where: string): string[] {
  if (text === undefined) return [];
  const problems: string[] = [];
  if (typeof text.zh !== 'string' || text.zh.trim() === '') problems.push(`${where}.zh is empty`);
  if (typeof text.en !== 'string' || text.en.trim() === '') problems.push(`${where}.en is empty`);
  return problems;
}

const ORDERED_KINDS: readonly FactType['kind'][] = ['integer', 'number', 'date'];

/** Whether `value` is a valid single value of a scalar fact type. */
function scalarFits(type: FactType, value: unknown): boolean {
  switch (type.kind) {
    case 'integer':
    case 'number':
      return (
        typeof value === 'number' &&
        Number.isFinite(value) &&
        (type.kind === 'number' || Number.isSafeInteger(value)) &&
        (type.min === undefined || value >= type.min) &&
        (type.max === undefined || value <= type.max)
      );
    case 'string':
      return typeof value === 'string' && (type.pattern === undefined || type.pattern.test(value));
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'enum':
      return typeof value === 'string' && type.values.includes(value);
    case 'enumArray':
      return false;
  }
}

/** Problems of one condition: id, fact, operator for the fact's kind, value type, texts. */
function conditionProblems(condition: Condition): string[] {
  const where = `condition ${condition.id}`;
  const problems = [
    ...textProblems(condition.label, `${where}.label`),
    ...textProblems(condition.hint, `${where}.hint`),
  ];
  if (condition.label === undefined) problems.push(`${where} has no label`);
  if (!CONDITION_ID_PATTERN.test(condition.id)) problems.push(`${where}: id is not snake_case`);
  if (!isFactName(condition.fact)) return [...problems, `${where}: unknown fact ${condition.fact}`];
  if (!(OPERATORS as readonly string[]).includes(condition.operator)) {
    return [...problems, `${where}: unknown operator ${condition.operator}`];
  }
  const type: FactType = FACTS[condition.fact].type;
  const operator: Operator = condition.operator;
  const value: unknown = condition.value;
  switch (operator) {
    case 'contains':
    case 'doesNotContain':
      if (type.kind !== 'enumArray') problems.push(`${where}: ${operator} needs an array fact`);
      else if (typeof value !== 'string' || !type.values.includes(value)) {
        problems.push(`${where}: ${String(value)} is not a value of ${condition.fact}`);
      }
      break;
    case 'in':
    case 'notIn':
      if (type.kind === 'enumArray') problems.push(`${where}: ${operator} needs a scalar fact`);
      else if (!Array.isArray(value) || value.length === 0) {
        problems.push(`${where}: ${operator} needs a non-empty array`);
      } else if (!value.every((item) => scalarFits(type, item))) {
        problems.push(`${where}: an item does not fit ${condition.fact}`);
      }
      break;
    case 'lessThan':
    case 'lessThanInclusive':
    case 'greaterThan':
    case 'greaterThanInclusive':
      if (!ORDERED_KINDS.includes(type.kind)) {
        problems.push(`${where}: ${operator} needs a number or date fact`);
      } else if (!scalarFits(type, value)) {
        problems.push(`${where}: value does not fit ${condition.fact}`);
      }
      break;
    case 'equal':
    case 'notEqual':
      if (type.kind === 'enumArray') problems.push(`${where}: ${operator} needs a scalar fact`);
      else if (!scalarFits(type, value)) {
        problems.push(`${where}: value does not fit ${condition.fact}`);
      }
      break;
  }
  return problems;
}

/** Problems of a rule tree: empty groups, group labels, every condition, duplicate ids. */
function ruleProblems(rule: Rule): string[] {
  const problems: string[] = [];
  const walk = (node: Rule, path: string): void => {
    if (isCondition(node)) {
      problems.push(...conditionProblems(node));
      return;
    }
    problems.push(...textProblems(node.label, `${path}.label`));
    if ('all' in node || 'any' in node) {
      const key = 'all' in node ? 'all' : 'any';
      const children = 'all' in node ? node.all : node.any;
      if (children.length === 0) problems.push(`${path}.${key} is empty`);
      children.forEach((child, index) => walk(child, `${path}.${key}[${index}]`));
    } else {
      walk(node.not, `${path}.not`);
    }
  };
  walk(rule, 'eligibility');
  const ids = conditionsOf(rule).map((condition) => condition.id);
  const duplicates = ids.filter((id, index) => ids.indexOf(id) !== index);
  if (duplicates.length > 0) problems.push(`duplicate condition ids: ${duplicates.join(', ')}`);
  return problems;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

// ----------------------------------------------------------------------------------------------
// The checkers fail on bad input.
// ----------------------------------------------------------------------------------------------

describe('catalogue checkers', () => {
  const label = { zh: '条件', en: 'Condition' };
  const good: Condition = {
    id: 'tech_sme',
    fact: 'certifications',
    operator: 'contains',
    value: 'tech_sme',
    label,
  };

  it('should accept a well-formed condition', () => {
    expect(conditionProblems(good)).toEqual([]);
  });

  it.each<[string, Partial<Condition> | Record<string, unknown>]>([
    ['an unknown fact', { fact: 'turnover' }],
    ['an unknown operator', { operator: 'matches' }],
    ['a value outside the enum', { value: 'unicorn' }],
    ['contains on a scalar fact', { fact: 'sizeClass', value: 'small' }],
    ['in with a scalar', { fact: 'sizeClass', operator: 'in', value: 'small' }],
    ['in with an empty array', { fact: 'sizeClass', operator: 'in', value: [] }],
    ['a fraction on an integer fact', { fact: 'employees', operator: 'lessThan', value: 0.5 }],
    [
      'a string on a boolean fact',
      { fact: 'credit.dishonestDebtor', operator: 'equal', value: 'no' },
    ],
    ['an order on an enum fact', { fact: 'sizeClass', operator: 'greaterThan', value: 'small' }],
    ['a code that breaks the pattern', { fact: 'industrySection', operator: 'equal', value: 'CC' }],
    ['an id that is not snake_case', { id: 'TechSme' }],
    ['an empty English label', { label: { zh: '条件', en: ' ' } }],
    ['an empty Chinese hint', { hint: { zh: '', en: 'Do this' } }],
  ])('should report %s', (_case, change) => {
    expect(conditionProblems({ ...good, ...change } as Condition)).not.toEqual([]);
  });

  it('should report duplicate ids and empty groups in a rule', () => {
    expect(ruleProblems({ all: [good, { any: [good] }] })).toContainEqual(
      expect.stringContaining('duplicate condition ids: tech_sme'),
    );
    expect(ruleProblems({ all: [good, { any: [] }] })).toContainEqual(
      expect.stringContaining('is empty'),
    );
  });

  it('should read the sources listed under each product heading, and nothing outside them', () => {
    const notes = [
      '# Notes',
      '- http://outside.example/a — before the section',
      '## Sources',
      '### FIRST_LOAN',
      '- http://a.example/x?y=1&z=2 — what it shows',
      '- https://b.example/ — another',
      'http://not-an-item.example/',
      '### SECOND',
      '- http://c.example/',
      '## Later',
      '- http://after.example/',
    ].join('\n');
    expect([...sourcesByProduct(notes)]).toEqual([
      ['FIRST_LOAN', ['http://a.example/x?y=1&z=2', 'https://b.example/']],
      ['SECOND', ['http://c.example/']],
    ]);
    expect(sourcesByProduct('# no sources section').size).toBe(0);
  });

  it('should count only conditions under all-groups as mandatory', () => {
    const other: Condition = { ...good, id: 'other' };
    const rule: Rule = { all: [good, { any: [other] }, { not: other }] };
    expect(mandatoryConditionsOf(rule).map((condition) => condition.id)).toEqual(['tech_sme']);
  });
});

// ----------------------------------------------------------------------------------------------
// The catalogue.
// ----------------------------------------------------------------------------------------------

describe('seed products', () => {
  it('should be exactly the ten catalogue products, each code once', () => {
    const codes = PRODUCTS.map((product) => product.code);
    expect([...codes].sort()).toEqual([...EXPECTED_CODES].sort());
    expect(new Set(codes).size).toBe(codes.length);
  });

  const bankCodes = new Set(BANKS.map((bank) => bank.code));

  describe.each(PRODUCTS.map((product): [string, SeedProduct] => [product.code, product]))(
    '%s',
    (_code, product) => {
      it('should have a valid code, category, collateral and rate', () => {
        expect(product.code).toMatch(CODE_PATTERN);
        expect(PRODUCT_CATEGORIES).toContain(product.category);
        expect(COLLATERAL_REQUIREMENTS).toContain(product.collateral);
        expect(RATE_BASES).toContain(product.rate.basis);
        if (product.rate.basis === 'FIXED') {
          expect(Number.isSafeInteger(product.rate.fixedBp)).toBe(true);
          expect(product.rate.spreadMaxBp).toBeUndefined();
        } else {
          expect(product.rate.fixedBp).toBeUndefined();
        }
        for (const bp of [
          product.rate.spreadMaxBp,
          product.rate.fixedBp,
          product.guaranteeFeeMaxBp,
        ]) {
          if (bp !== undefined) expect(Number.isSafeInteger(bp) && bp >= 0).toBe(true);
        }
      });

      it('should have both languages in name, summary, administrator, subsidy and note', () => {
        expect([
          ...textProblems(product.name, 'name'),
          ...textProblems(product.summary, 'summary'),
          ...textProblems(product.administrator, 'administrator'),
          ...textProblems(product.interestSubsidy, 'interestSubsidy'),
          ...textProblems(product.note, 'note'),
        ]).toEqual([]);
        expect(product.name).toBeDefined();
        expect(product.summary).toBeDefined();
        expect(product.administrator).toBeDefined();
      });

      it('should cite exactly the http(s) sources its provenance notes list for it', () => {
        expect(product.sourceUrls.length).toBeGreaterThanOrEqual(1);
        expect(new Set(product.sourceUrls).size).toBe(product.sourceUrls.length);
        for (const url of product.sourceUrls) expect(isHttpUrl(url)).toBe(true);
        expect([...product.sourceUrls].sort()).toEqual(
          [...(SOURCES.get(product.code) ?? [])].sort(),
        );
      });

      it('should name at least one partner bank, each one in banks.ts', () => {
        expect(product.partnerBankCodes.length).toBeGreaterThanOrEqual(1);
        expect(new Set(product.partnerBankCodes).size).toBe(product.partnerBankCodes.length);
        for (const code of product.partnerBankCodes) expect(bankCodes.has(code)).toBe(true);
      });

      it('should give amounts in whole yuan and terms in months, min not above max', () => {
        for (const amount of [product.amountMinYuan, product.amountMaxYuan]) {
          if (amount !== null) expect(Number.isSafeInteger(amount) && amount >= 0).toBe(true);
        }
        if (product.amountMinYuan !== null && product.amountMaxYuan !== null) {
          expect(product.amountMinYuan).toBeLessThanOrEqual(product.amountMaxYuan);
        }
        if (product.termMonthsMax !== null) {
          expect(Number.isSafeInteger(product.termMonthsMax)).toBe(true);
          expect(product.termMonthsMax).toBeGreaterThanOrEqual(1);
          expect(product.termMonthsMax).toBeLessThanOrEqual(120);
        }
      });

      it('should be provisional with a note when the sources give no amount or term limit', () => {
        if (product.amountMaxYuan === null || product.termMonthsMax === null) {
          expect(product.provisional).toBe(true);
        }
        if (product.provisional) expect(product.note).toBeDefined();
      });

      it('should have a rule the rule language accepts, every fact from FACTS', () => {
        expect(ruleProblems(product.eligibility)).toEqual([]);
        for (const condition of conditionsOf(product.eligibility)) {
          expect(Object.keys(FACTS)).toContain(condition.fact);
        }
      });

      it('should have unique condition ids', () => {
        const ids = conditionsOf(product.eligibility).map((condition) => condition.id);
        expect(new Set(ids).size).toBe(ids.length);
      });

      it('should always exclude dishonest judgment debtors', () => {
        const exclusion = mandatoryConditionsOf(product.eligibility).filter(
          (condition) =>
            condition.fact === 'credit.dishonestDebtor' &&
            condition.operator === 'equal' &&
            condition.value === false,
        );
        expect(exclusion).toHaveLength(1);
      });
    },
  );
});

describe('seed banks', () => {
  it('should have unique codes matching the code pattern and names in both languages', () => {
    const codes = BANKS.map((bank) => bank.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const bank of BANKS) {
      expect(bank.code).toMatch(CODE_PATTERN);
      expect(textProblems(bank.name, `${bank.code}.name`)).toEqual([]);
    }
  });

  it.each(BANKS.map((bank): [string, string[]] => [bank.code, bank.regionCodes]))(
    'should give %s only known Jiangxi region codes, each once',
    (_code, regionCodes) => {
      expect(regionCodes.length).toBeGreaterThanOrEqual(1);
      expect(new Set(regionCodes).size).toBe(regionCodes.length);
      for (const code of regionCodes) expect(KNOWN_REGION_CODES.has(code) ? code : null).toBe(code);
    },
  );

  it('should list exactly the 11 city codes of regions.json as province-wide', () => {
    expect([...JIANGXI_CITY_CODES].sort()).toEqual(REGIONS.cities.map((city) => city.code).sort());
  });

  it('should seed only banks that some product names as a partner', () => {
    const used = new Set(PRODUCTS.flatMap((product) => product.partnerBankCodes));
    for (const bank of BANKS) expect(used.has(bank.code) ? bank.code : null).toBe(bank.code);
  });
});

describe('partnership start-up loan: the cap by number of partners (provisional formula)', () => {
  const product = PRODUCTS.find((p) => p.code === 'STARTUP_LOAN_PARTNERSHIP')!;
  const limits = compileLimits(product.limits);
  const own = { amountMaxYuan: product.amountMaxYuan, termMonthsMax: product.termMonthsMax };
  const capFor = (facts: Record<string, unknown>) =>
    applicableLimit(own, limits, resolveFacts(facts));

  it.each([
    [1, 330_000],
    [2, 660_000],
    [3, 990_000],
    [4, 1_320_000],
    [11, 3_630_000],
    [12, 3_960_000],
    [13, 4_000_000],
    [14, 4_000_000],
    [200, 4_000_000],
  ])('should cap %i partners at %i yuan', (partners, cap) => {
    const limit = capFor({ founder: { categories: [], partners } });
    expect(limit.amountMaxYuan).toBe(cap);
    expect(limit.termMonthsMax).toBe(36);
    if (cap < 4_000_000) {
      expect(limit.reason?.zh).toContain(`${partners}名合伙人`);
      expect(limit.reason?.zh).toContain('暂定');
      expect(limit.reason?.en).toContain('provisional');
    } else {
      expect(limit.reason).toBeNull();
    }
  });

  it('should grow with the partners, by 330,000 yuan each, never above 4 million', () => {
    let previous = 0;
    for (let partners = 1; partners <= 30; partners++) {
      const cap = capFor({ founder: { categories: [], partners } }).amountMaxYuan!;
      expect(cap).toBe(Math.min(330_000 * partners, 4_000_000));
      expect(cap).toBeGreaterThanOrEqual(previous);
      previous = cap;
    }
  });

  it('should show the ceiling and ask for the number of partners when it is not given', () => {
    const limit = capFor({ founder: { categories: ['college_graduate'] } });
    expect(limit.amountMaxYuan).toBe(4_000_000);
    expect(limit.reason?.zh).toContain('合伙创业人数');
    expect(limit.reason?.en).toContain('Partners starting the business together');
  });

  it('should say in its note and provenance that the formula is provisional', () => {
    expect(product.provisional).toBe(true);
    expect(product.note?.zh).toContain('110%');
    expect(product.note?.en).toContain('not confirmed for Jiangxi');
  });
});

/** The seeded product's cap and term for `facts`, as a match states them (docs/rules.md). */
function seededLimit(code: string, facts: Record<string, unknown>) {
  const product = PRODUCTS.find((p) => p.code === code)!;
  const own = { amountMaxYuan: product.amountMaxYuan, termMonthsMax: product.termMonthsMax };
  return applicableLimit(own, compileLimits(product.limits), resolveFacts(facts));
}

describe('borrower-dependent caps of the seeded catalogue', () => {
  it('should give a model worker 200,000 yuan of 赣工贷 and say why, others 100,000', () => {
    const model = seededLimit('GANGONGDAI', {
      founder: { categories: ['trade_union_member', 'model_worker'] },
    });
    expect(model).toEqual({
      amountMaxYuan: 200_000,
      termMonthsMax: 12,
      reason: { zh: '劳模最高20万元', en: 'Up to 200,000 yuan for a model worker' },
    });
    const member = seededLimit('GANGONGDAI', { founder: { categories: ['trade_union_member'] } });
    expect(member).toEqual({ amountMaxYuan: 100_000, termMonthsMax: 12, reason: null });
    // Founders not said: the ordinary cap, and the reason names what would raise it.
    const unsaid = seededLimit('GANGONGDAI', {});
    expect(unsaid.amountMaxYuan).toBe(100_000);
    expect(unsaid.reason?.zh).toContain('创业者类别');
  });

  it('should give an especially high-quality culture firm 10 million yuan of 文企贷, others 5 million', () => {
    const premium = seededLimit('WENQIDAI', {
      listings: ['culture_loan_pool', 'culture_loan_premium'],
    });
    expect(premium).toEqual({
      amountMaxYuan: 10_000_000,
      termMonthsMax: 36,
      reason: {
        zh: '特别优质企业最高1000万元',
        en: 'Up to 10 million yuan for an especially high-quality firm',
      },
    });
    const pooled = seededLimit('WENQIDAI', { listings: ['culture_loan_pool'] });
    expect(pooled).toEqual({ amountMaxYuan: 5_000_000, termMonthsMax: 36, reason: null });
    const unsaid = seededLimit('WENQIDAI', {});
    expect(unsaid.amountMaxYuan).toBe(5_000_000);
    expect(unsaid.reason?.zh).toContain('名单');
  });
});
