/**
 * A synthetic population of Jiangxi enterprises for demos and benchmarks (docs/impact.md, "Scale
 * data"). Deterministic: enterprise `i` of seed `s` is always the same, whatever the population
 * size, so a larger run extends a smaller one. Proportions are plausible, not statistics.
 */
import { createHash } from 'node:crypto';
import regionsData from '../modules/enterprises/domain/data/regions.json';
import industriesData from '../modules/enterprises/domain/data/industries.json';
import type { EnterpriseProfile } from '../modules/enterprises/domain/profile';
import { USCC_CHARSET, usccCheckChar } from '../modules/enterprises/domain/uscc';

/** Mulberry32: a small, fast, seedable PRNG (uniform in [0, 1)). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A v4-shaped UUID that depends only on its inputs (so re-running the seed finds the same rows). */
export function stableUuid(...parts: (string | number)[]): string {
  const h = createHash('sha256').update(parts.join(':')).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

type Weighted<T> = readonly (readonly [T, number])[];

function pick<T>(rng: () => number, table: Weighted<T>): T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let r = rng() * total;
  for (const [value, w] of table) {
    r -= w;
    if (r < 0) return value;
  }
  return table[table.length - 1][0];
}

function uniform<T>(rng: () => number, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)];
}

function chance(rng: () => number, p: number): boolean {
  return rng() < p;
}

/** Standard normal by Box–Muller. */
function normal(rng: () => number): number {
  const u = 1 - rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

// Rough shares of Jiangxi's market entities by city (larger cities, more enterprises).
const CITY_WEIGHTS: Record<string, number> = {
  '360100': 20,
  '360200': 3,
  '360300': 4,
  '360400': 10,
  '360500': 2.6,
  '360600': 2.4,
  '360700': 20,
  '360800': 9,
  '360900': 11,
  '361000': 8,
  '361100': 13,
};
const CITIES: Weighted<(typeof regionsData.cities)[number]> = regionsData.cities.map((c) => [
  c,
  CITY_WEIGHTS[c.code] ?? 3,
]);

const DIVISIONS_BY_SECTION = new Map(
  industriesData.sections.map((s) => [s.code, s.divisions.map((d) => d.code)] as const),
);
// Sections weighted like a provincial register: manufacturing, trade and services dominate.
const SECTIONS: Weighted<string> = [
  ['C', 28],
  ['F', 26],
  ['A', 6],
  ['E', 5],
  ['G', 4],
  ['H', 6],
  ['I', 4],
  ['K', 2],
  ['L', 5],
  ['M', 4],
  ['N', 1],
  ['O', 4],
  ['P', 1],
  ['R', 3],
  ['J', 1],
];

type EntityType = EnterpriseProfile['entityType'];
const ENTITY_TYPES: Weighted<EntityType> = [
  ['enterprise', 68],
  ['individual_business', 17],
  ['farmer_cooperative', 5],
  ['family_farm', 4],
  ['partnership', 3],
  ['individual', 3],
];

const FOUNDER_CATEGORIES: Weighted<
  NonNullable<EnterpriseProfile['founder']>['categories'][number]
> = [
  ['college_graduate', 30],
  ['returning_migrant_worker', 20],
  ['rural_self_employed', 12],
  ['veteran', 8],
  ['registered_unemployed', 8],
  ['hard_to_employ', 4],
  ['poverty_alleviated', 6],
  ['disabled', 2],
  ['high_level_talent', 4],
  ['trade_union_member', 4],
  ['model_worker', 2],
];

const PURPOSES: Weighted<EnterpriseProfile['financingNeed']['purpose']> = [
  ['working_capital', 55],
  ['equipment', 14],
  ['expansion', 12],
  ['technology', 7],
  ['startup', 6],
  ['agriculture', 6],
];

const WORDS = [
  '恒信',
  '华达',
  '鑫源',
  '赣江',
  '瑞丰',
  '宏图',
  '青山',
  '康力',
  '兴旺',
  '绿野',
  '诚通',
  '博远',
  '金桥',
  '天和',
  '振华',
  '红谷',
  '庐山',
  '井冈',
  '鄱湖',
  '新锐',
];
const TRADES: Record<string, string> = {
  A: '农业',
  C: '制造',
  E: '建设工程',
  F: '商贸',
  G: '物流',
  H: '餐饮',
  I: '信息技术',
  K: '物业服务',
  L: '商务服务',
  M: '科技',
  N: '环境工程',
  O: '生活服务',
  P: '培训',
  R: '文化传媒',
  J: '投资',
};
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '吴', '胡', '熊', '邹', '涂'];

/** The 9-character organisation code of enterprise `index`: distinct for distinct indexes. */
function organisationCode(index: number, salt: number): string {
  // An affine map modulo 31^9 is a bijection (31 does not divide the multiplier), so codes never
  // repeat within one seed, and look unordered.
  const modulus = 31 ** 9;
  let n = (index * 7_368_787 + salt * 104_729 + 11_112_019) % modulus;
  let out = '';
  for (let k = 0; k < 9; k += 1) {
    out = USCC_CHARSET[n % 31] + out;
    n = Math.floor(n / 31);
  }
  return out;
}

/** A credit code with a valid GB 32100 check character. */
export function demoUscc(
  entityType: EntityType,
  regionCode: string,
  index: number,
  salt: number,
): string {
  const kind =
    entityType === 'individual_business' || entityType === 'family_farm'
      ? '92'
      : entityType === 'farmer_cooperative'
        ? '93'
        : '91';
  const first17 = `${kind}${regionCode}${organisationCode(index, salt)}`;
  return first17 + usccCheckChar(first17);
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function roundTo(n: number, step: number): number {
  return Math.max(step, Math.round(n / step) * step);
}

export interface DemoEnterprise {
  id: string;
  ownerId: string;
  email: string;
  profile: EnterpriseProfile;
}

/**
 * Enterprise number `index` of population `seed`. `today` bounds founding dates (the caller's
 * clock), so a profile is never founded in the future.
 */
export function demoEnterprise(seed: number, index: number, today: string): DemoEnterprise {
  const rng = mulberry32((seed * 2_654_435_761 + index * 40_503 + 1) >>> 0);
  // Warm up: nearby seeds otherwise start with correlated first draws.
  for (let k = 0; k < 4; k += 1) rng();
  const entityType = pick(rng, ENTITY_TYPES);
  const city = pick(rng, CITIES);
  const regionCode = chance(rng, 0.06) ? city.code : uniform(rng, city.counties).code;
  const section =
    entityType === 'farmer_cooperative' || entityType === 'family_farm' ? 'A' : pick(rng, SECTIONS);
  const division = uniform(rng, DIVISIONS_BY_SECTION.get(section) ?? ['39']);
  const industryCode = `${section}${division}${1 + Math.floor(rng() * 9)}${Math.floor(rng() * 10)}`;

  const todayMs = Date.parse(`${today}T00:00:00Z`);
  // Younger enterprises are more common: ages are skewed towards the last few years.
  const ageYears = Math.min(30, -Math.log(1 - rng()) * 6);
  const establishedOn = isoDate(new Date(todayMs - Math.floor(ageYears * 365.25) * 86_400_000));

  const small = entityType !== 'enterprise' && entityType !== 'partnership';
  const employees = Math.max(
    1,
    Math.min(3000, Math.round(Math.exp((small ? 1.3 : 2.6) + normal(rng) * (small ? 0.7 : 1.1)))),
  );
  const perHead = Math.exp(12.6 + normal(rng) * 0.6); // about 300,000 yuan a head
  const annualRevenueYuan = roundTo(employees * perHead, 1000);
  const profile: EnterpriseProfile = {
    name: '',
    entityType,
    regionCode,
    industryCode,
    establishedOn,
    employees,
    annualRevenueYuan,
    financingNeed: {
      amountYuan: roundTo(Math.exp(13.3 + normal(rng) * 0.9), 10_000),
      termMonths: pick(rng, [
        [6, 10],
        [12, 50],
        [24, 20],
        [36, 15],
        [60, 5],
      ]),
      purpose: pick(rng, PURPOSES),
      collateralAvailable: chance(rng, 0.35),
    },
  };
  if (entityType !== 'individual') {
    profile.uscc = demoUscc(entityType, regionCode, index, seed);
  }
  if (chance(rng, 0.8)) {
    profile.totalAssetsYuan = roundTo(annualRevenueYuan * (0.4 + rng() * 1.6), 1000);
  }
  if (chance(rng, 0.9)) profile.inIndustrialPark = chance(rng, section === 'C' ? 0.35 : 0.05);

  const certifications: NonNullable<EnterpriseProfile['certifications']> = [];
  if (chance(rng, section === 'C' || section === 'I' || section === 'M' ? 0.16 : 0.03))
    certifications.push('tech_sme');
  if (chance(rng, section === 'C' || section === 'I' ? 0.06 : 0.01))
    certifications.push('high_tech_enterprise');
  if (employees >= 10 && chance(rng, 0.04)) certifications.push('specialized_sme');
  if (certifications.includes('specialized_sme') && chance(rng, 0.1))
    certifications.push('specialized_little_giant');
  if (section === 'R' && chance(rng, 0.4)) certifications.push('cultural_enterprise');
  if (section === 'A' && entityType === 'enterprise' && chance(rng, 0.08))
    certifications.push('agri_leading_enterprise');
  if (certifications.length || chance(rng, 0.5)) profile.certifications = certifications;

  if (entityType === 'family_farm') profile.agriOperatorType = 'family_farm';
  else if (entityType === 'farmer_cooperative') profile.agriOperatorType = 'farmer_cooperative';
  else if (section === 'A' && chance(rng, 0.3))
    profile.agriOperatorType = certifications.includes('agri_leading_enterprise')
      ? 'leading_enterprise'
      : 'large_grower';

  const young = ageYears < 3;
  if (entityType === 'individual' || entityType === 'partnership' || (young && chance(rng, 0.45))) {
    const categories = [pick(rng, FOUNDER_CATEGORIES)];
    if (chance(rng, 0.15)) {
      const second = pick(rng, FOUNDER_CATEGORIES);
      if (!categories.includes(second)) categories.push(second);
    }
    profile.founder = { categories };
    if (entityType === 'partnership') profile.founder.partners = 2 + Math.floor(rng() * 5);
  }
  if (chance(rng, 0.3)) {
    const newHires = Math.floor(rng() * Math.min(employees, 50));
    profile.hiring = {
      newHiresLast12Months: newHires,
      newHiresFromTargetGroups: Math.floor(rng() * (newHires + 1) * 0.6),
    };
  }
  if (chance(rng, 0.85)) {
    profile.credit = {
      dishonestDebtor: chance(rng, 0.015),
      overdueLoans: chance(rng, 0.04),
      badCreditRecord: chance(rng, 0.03),
      wageOrSocialInsuranceArrears: chance(rng, 0.02),
    };
  }
  if (chance(rng, 0.2)) {
    profile.receivables = {
      amountYuan: roundTo(annualRevenueYuan * (0.05 + rng() * 0.4), 1000),
      debtorIsGovernmentOrLargeEnterprise: chance(rng, 0.4),
    };
  }
  if (chance(rng, 0.05)) {
    profile.governmentProcurementContract = {
      amountYuan: roundTo(Math.exp(13 + normal(rng)), 1000),
    };
  }
  const listings: NonNullable<EnterpriseProfile['listings']> = [];
  if (chance(rng, 0.05)) listings.push('caiyuan_recommendation');
  if (certifications.includes('cultural_enterprise') && chance(rng, 0.5))
    listings.push('culture_loan_pool');
  if (chance(rng, 0.02)) listings.push('industry_finance_whitelist');
  if (chance(rng, 0.1)) listings.push('financing_coordination_list');
  if (listings.length || chance(rng, 0.4)) profile.listings = listings;
  if (chance(rng, 0.7)) {
    profile.taxPaidLastYearYuan = roundTo(annualRevenueYuan * (0.005 + rng() * 0.03), 100);
    profile.taxRelief = chance(rng, 0.1);
  }
  if (chance(rng, 0.4)) profile.jobRetentionRate = Math.round((0.8 + rng() * 0.2) * 100) / 100;

  const word = uniform(rng, WORDS) + uniform(rng, WORDS);
  const place = city.name.replace(/市$/, '');
  const trade = TRADES[section] ?? '实业';
  const names: Record<EntityType, string> = {
    enterprise: `${place}${word}${trade}有限公司`,
    individual_business: `${place}${word}${trade}经营部`,
    farmer_cooperative: `${place}${word}种养专业合作社`,
    family_farm: `${place}${word}家庭农场`,
    partnership: `${place}${word}${trade}合伙企业`,
    individual: `${uniform(rng, SURNAMES)}${uniform(rng, WORDS).slice(0, 1)}（自然人创业）`,
  };
  profile.name = names[entityType];

  return {
    id: stableUuid('demo-enterprise', seed, index),
    ownerId: stableUuid('demo-owner', seed, index),
    email: `demo-${seed}-${index}@demo.invalid`,
    profile,
  };
}
