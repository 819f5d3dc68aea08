/**
 * Size class (大型/中型/小型/微型) by the national SME size standard (中小企业划型标准规定, 2011),
 * industries mapped as in the 2017 statistical table.
 * Docs: docs/domain/sme-size-standard.md.
 */
import type { SizeClass } from '../../matching/engine/facts';
import sizeStandard from './data/size-standard.json';
import { parseIndustryCode } from './industries';

/** A text in both languages the service speaks. */
export interface LocalizedText {
  zh: string;
  en: string;
}

/** The indicators the standard uses; money in integer yuan. */
export type SizeIndicator = 'employees' | 'annualRevenueYuan' | 'totalAssetsYuan';

/** What classification needs from a profile. Absent (undefined or null) indicators are missing. */
export interface SizeClassInput {
  industryCode: string;
  employees?: number | null;
  annualRevenueYuan?: number | null;
  totalAssetsYuan?: number | null;
}

/** Why a size class was (or could not be) given. */
export interface SizeClassBasis {
  /** The standard's industry group 1–16; null when the industry code cannot tell the group. */
  group: number | null;
  groupName: LocalizedText;
  /** The indicators the group's thresholds use (frozen: one list per group, shared by every answer). */
  indicators: readonly SizeIndicator[];
  /** A sentence naming the thresholds that decided, or what is missing and the possible range. */
  decidedBy: LocalizedText;
  /** Indicators of the group that were not given; `industryCode` when the code is too coarse. */
  missing: (SizeIndicator | 'industryCode')[];
  /**
   * True when the industry lies outside the standard (railways, finance, education, health, 704,
   * sections S and T) and is sized by analogy (参照) with group 16, as practice does.
   */
  byAnalogy: boolean;
}

export interface SizeClassResult {
  sizeClass: SizeClass | 'unknown';
  basis: SizeClassBasis;
}

/**
 * One group of the standard as data/size-standard.json gives it: staff in people and money in 万元
 * as the standard states them. The table is data: nothing is built from it at load, and only each
 * group's list of indicators is kept once built (indicatorsOf).
 */
interface SizeGroup {
  group: number;
  name: LocalizedText;
  employees?: Triple;
  annualRevenueWan?: Triple;
  totalAssetsWan?: Triple;
}
/** [SME ceiling, 中型 lower bound, 小型 lower bound]; index it with a {@link Level}. */
type Triple = readonly number[];

/** A position in a triple: the SME ceiling ("…以下的为中小微型企业") and the lower bounds of 中型, 小型. */
type Level = 0 | 1 | 2;
const CEILING: Level = 0;
const MEDIUM: Level = 1;
const SMALL: Level = 2;

const GROUPS = sizeStandard.groups as readonly SizeGroup[];

const INDICATOR_ORDER: readonly SizeIndicator[] = [
  'employees',
  'annualRevenueYuan',
  'totalAssetsYuan',
];
const WAN = 10_000;

function tripleOf(g: SizeGroup, k: SizeIndicator): Triple | undefined {
  if (k === 'employees') return g.employees;
  return k === 'annualRevenueYuan' ? g.annualRevenueWan : g.totalAssetsWan;
}

/** Each group's indicator list, in the table's order; built the first time indicatorsOf is asked. */
let indicatorLists: readonly (readonly SizeIndicator[])[] | undefined;

/**
 * The indicators the group's thresholds use, in the standard's order: one frozen list per group,
 * built once rather than filtered anew on every classification.
 */
function indicatorsOf(g: SizeGroup): readonly SizeIndicator[] {
  indicatorLists ??= GROUPS.map((group) =>
    Object.freeze(INDICATOR_ORDER.filter((k) => tripleOf(group, k) !== undefined)),
  );
  return indicatorLists[g.group - 1];
}

/** The bound of `level` for indicator `k`, in people or yuan; undefined when the group lacks `k`. */
function boundOf(g: SizeGroup, k: SizeIndicator, level: Level): number | undefined {
  const triple = tripleOf(g, k);
  if (triple === undefined) return undefined;
  return k === 'employees' ? triple[level] : triple[level] * WAN;
}

const CLASS_NAMES: Record<SizeClass, LocalizedText> = {
  large: { zh: '大型', en: 'large' },
  medium: { zh: '中型', en: 'medium' },
  small: { zh: '小型', en: 'small' },
  micro: { zh: '微型', en: 'micro' },
};

const INDICATOR_NAMES: Record<SizeIndicator, LocalizedText> = {
  employees: { zh: '从业人员', en: 'employees' },
  annualRevenueYuan: { zh: '营业收入', en: 'revenue' },
  totalAssetsYuan: { zh: '资产总额', en: 'total assets' },
};

type Values = Record<SizeIndicator, number>;

/** "All indicators must reach them": every indicator of the group at or above its bound of `level`. */
function meetsAll(values: Values, g: SizeGroup, level: Level): boolean {
  for (const k of indicatorsOf(g))
    if (!(values[k] >= (boundOf(g, k, level) as number))) return false;
  return true;
}

function classOf(values: Values, g: SizeGroup): SizeClass {
  if (meetsAll(values, g, CEILING)) return 'large';
  if (meetsAll(values, g, MEDIUM)) return 'medium';
  if (meetsAll(values, g, SMALL)) return 'small';
  return 'micro';
}

/** Groups named by a division of sections F–I (2017 statistical table); 59 minus 5910, see groupOf. */
const GROUP_BY_DIVISION: Readonly<Record<string, number>> = {
  '51': 4,
  '52': 5,
  '54': 6,
  '55': 6,
  '56': 6,
  '57': 6,
  '58': 6,
  '59': 7,
  '60': 8,
  '61': 9,
  '62': 10,
  '63': 11,
  '64': 11,
  '65': 12,
};

/** Divisions and sections the 2017 mapping leaves out of the standard (docs/domain/sme-size-standard.md). */
const OUTSIDE_DIVISIONS: ReadonlySet<string> = new Set(['53', '83', '84']);
const OUTSIDE_SECTIONS: ReadonlySet<string> = new Set(['J', 'P', 'S', 'T']);

type Placement = { group: number; byAnalogy: boolean };

/**
 * Which group of the standard an industry code falls in. 'too_coarse' when the code stops above
 * the level that decides: the bare K70 (701, 702 and the rest of real estate use different rows)
 * and the bare G59 (5910 装卸搬运 is transport, the rest of 59 warehousing).
 */
function groupOf(industryCode: string): Placement | 'too_coarse' | null {
  const parsed = parseIndustryCode(industryCode);
  if (!parsed) return null;
  const { section, division } = parsed;
  const inStandard = (group: number): Placement => ({ group, byAnalogy: false });
  if (section === 'A') return inStandard(1);
  if (section === 'B' || section === 'C' || section === 'D') return inStandard(2);
  if (section === 'E') return inStandard(3);
  if (section === 'L') return inStandard(15);
  if (division === '59') {
    const groupDigit = industryCode.charAt(3);
    if (groupDigit === '') return 'too_coarse';
    return inStandard(groupDigit === '1' ? 6 : 7);
  }
  if (division in GROUP_BY_DIVISION) return inStandard(GROUP_BY_DIVISION[division]);
  if (division === '70') {
    // 房地产业 splits by group: 701 development and 702 property management have their own rows;
    // 703 and 709 are "other industries"; 704 自有房地产经营活动 is outside the standard.
    const groupDigit = industryCode.charAt(3);
    if (groupDigit === '') return 'too_coarse';
    if (groupDigit === '1') return inStandard(13);
    if (groupDigit === '2') return inStandard(14);
    if (groupDigit === '4') return { group: 16, byAnalogy: true };
    return inStandard(16);
  }
  if (OUTSIDE_SECTIONS.has(section) || OUTSIDE_DIVISIONS.has(division)) {
    return { group: 16, byAnalogy: true };
  }
  // M, N, O, 85 社会工作 and R are "其他未列明行业" in the standard itself.
  return inStandard(16);
}

/** An integer with thousands separators (16500000 → 16,500,000), as en-US writes it. */
function formatInteger(n: number): string {
  if (n < 0) return `-${formatInteger(-n)}`;
  const digits = String(n);
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return out;
}

/** Integer yuan in 万元 with up to 4 exact decimals (2500001 → 250.0001). */
function formatWan(yuan: number): string {
  if (!Number.isInteger(yuan)) return String(yuan / WAN);
  const rest = yuan % WAN;
  const decimals = rest === 0 ? '' : `.${String(rest).padStart(4, '0').replace(/0+$/, '')}`;
  return `${Math.trunc(yuan / WAN)}${decimals}`;
}

function formatValue(indicator: SizeIndicator, v: number): LocalizedText {
  if (indicator === 'employees') return { zh: String(v), en: String(v) };
  // Chinese in 万元, as the standard states its thresholds; English in plain yuan.
  return { zh: `${formatWan(v)}万`, en: `CNY ${Number.isInteger(v) ? formatInteger(v) : v}` };
}

function comparison(indicator: SizeIndicator, v: number, bound: number): LocalizedText {
  const op = v >= bound ? '≥' : '<';
  const value = formatValue(indicator, v);
  const limit = formatValue(indicator, bound);
  return {
    zh: `${INDICATOR_NAMES[indicator].zh} ${value.zh} ${op} ${limit.zh}`,
    en: `${INDICATOR_NAMES[indicator].en} ${value.en} ${op} ${limit.en}`,
  };
}

/** Comparisons of the known indicators against the bounds of `level`, keeping those that pass or fail. */
function comparisons(
  given: Partial<Values>,
  g: SizeGroup,
  level: Level,
  keep: 'at_or_above' | 'below',
): LocalizedText[] {
  // A loop rather than flatMap, which took a fifth of a classification in a profile.
  const out: LocalizedText[] = [];
  for (const k of INDICATOR_ORDER) {
    const v = given[k];
    const bound = boundOf(g, k, level);
    if (v === undefined || bound === undefined) continue;
    if (v >= bound === (keep === 'at_or_above')) out.push(comparison(k, v, bound));
  }
  return out;
}

function join(texts: LocalizedText[], zhSep: string, enSep: string): LocalizedText {
  let zh = '';
  let en = '';
  for (let i = 0; i < texts.length; i++) {
    zh += i === 0 ? texts[i].zh : zhSep + texts[i].zh;
    en += i === 0 ? texts[i].en : enSep + texts[i].en;
  }
  return { zh, en };
}

function explain(g: SizeGroup, given: Partial<Values>, cls: SizeClass): LocalizedText {
  const head = g.name;
  let because: LocalizedText;
  let note: LocalizedText | null = null;
  switch (cls) {
    case 'large':
      because = join(comparisons(given, g, CEILING, 'at_or_above'), ' 且', ' and ');
      note = { zh: '不属于中小微企业', en: 'not an SME' };
      break;
    case 'medium': {
      because = join(comparisons(given, g, MEDIUM, 'at_or_above'), ' 且', ' and ');
      const below = join(comparisons(given, g, CEILING, 'below'), '、', ', ');
      note = { zh: `${below.zh}，属中小微企业`, en: `${below.en}, so an SME` };
      break;
    }
    case 'small': {
      because = join(comparisons(given, g, SMALL, 'at_or_above'), ' 且', ' and ');
      const below = join(comparisons(given, g, MEDIUM, 'below'), '、', ', ');
      note = { zh: `${below.zh}，未达中型`, en: `${below.en}, short of medium` };
      break;
    }
    case 'micro':
      because = join(comparisons(given, g, SMALL, 'below'), '，', ', ');
      break;
  }
  const zhNote = note ? `（${note.zh}）` : '';
  const enNote = note ? ` (${note.en})` : '';
  return {
    zh: `${head.zh}：${because.zh} → ${CLASS_NAMES[cls].zh}${zhNote}`,
    en: `${head.en}: ${because.en} → ${CLASS_NAMES[cls].en}${enNote}`,
  };
}

const UNKNOWN_INDUSTRY: LocalizedText = { zh: '未知行业', en: 'Unknown industry' };
const REAL_ESTATE: LocalizedText = { zh: '房地产业', en: 'Real estate' };
const TRANSPORT_OR_WAREHOUSING: LocalizedText = {
  zh: '装卸搬运和仓储业',
  en: 'Loading, unloading and warehousing',
};
/** Said first in the basis of an industry outside the standard. */
const BY_ANALOGY: LocalizedText = {
  zh: '本行业不在中小企业划型标准范围内，参照其他未列明行业划型。',
  en: 'This industry lies outside the SME size standard; sized by analogy with other industries not listed. ',
};

/**
 * Classifies an enterprise by the SME size standard of its industry group.
 *
 * Large: every SME-ceiling indicator at or above its bound ("X以下或Y以下的为中小微型企业").
 * Medium / small: every indicator at or above that class's lower bound. Micro: anything below.
 * A missing indicator yields a class only when every possible value would give the same class
 * (the result grows monotonically with each indicator, so trying 0 and +∞ is enough);
 * otherwise `unknown`. A bare `K70` cannot be placed in a group and is `unknown` too.
 */
export function classifySize(input: SizeClassInput): SizeClassResult {
  const found = groupOf(input.industryCode);
  if (found === null) {
    return unknownIndustry(UNKNOWN_INDUSTRY, {
      zh: `行业代码 ${String(input.industryCode)} 不是已知的国民经济行业分类代码，无法划型`,
      en: `Industry code ${String(input.industryCode)} is not a known GB/T 4754-2017 code`,
    });
  }
  if (found === 'too_coarse' && input.industryCode.startsWith('G59')) {
    return unknownIndustry(TRANSPORT_OR_WAREHOUSING, {
      zh:
        '行业代码 G59 过粗：装卸搬运（G5910）按交通运输业划型，其他仓储按仓储业划型，无法划型；' +
        '请提供至少 3 位的行业代码',
      en:
        'Industry code G59 is too coarse: loading and unloading (G5910) is sized as transport, ' +
        'the rest of the division as warehousing, so undecided; give at least the 3-digit code',
    });
  }
  if (found === 'too_coarse') {
    return unknownIndustry(REAL_ESTATE, {
      zh:
        '行业代码 K70 过粗：房地产开发经营（K701）、物业管理（K702）' +
        '与其他房地产业适用不同标准，无法划型；请提供至少 3 位的行业代码',
      en:
        'Industry code K70 is too coarse: real-estate development (K701), property management ' +
        '(K702) and other real estate use different thresholds, so undecided; ' +
        'give at least the 3-digit code',
    });
  }

  const g = GROUPS[found.group - 1];
  const indicators = indicatorsOf(g);
  const given: Partial<Values> = {};
  const missing: SizeIndicator[] = [];
  for (const k of indicators) {
    const v = input[k];
    // Only a real number counts; anything else is treated as not given rather than guessed.
    if (typeof v === 'number' && Number.isFinite(v)) given[k] = v;
    else missing.push(k);
  }
  const lowest = classOf({ employees: 0, annualRevenueYuan: 0, totalAssetsYuan: 0, ...given }, g);
  const highest = classOf(
    { employees: Infinity, annualRevenueYuan: Infinity, totalAssetsYuan: Infinity, ...given },
    g,
  );
  // The basis is written whole in each case below, not spread with its decidedBy added: a key
  // added after a spread cost V8 on Node 20 about a microsecond, a literal next to nothing.
  const basis = (decidedBy: LocalizedText): SizeClassBasis => ({
    group: g.group,
    groupName: g.name,
    indicators,
    missing,
    byAnalogy: found.byAnalogy,
    decidedBy,
  });
  const prefix = (text: LocalizedText): LocalizedText =>
    found.byAnalogy ? { zh: BY_ANALOGY.zh + text.zh, en: BY_ANALOGY.en + text.en } : text;
  const missingNames = join(
    missing.map((k) => INDICATOR_NAMES[k]),
    '、',
    ', ',
  );

  if (lowest !== highest) {
    return {
      sizeClass: 'unknown',
      basis: basis(
        prefix({
          zh:
            `${g.name.zh}：未提供${missingNames.zh}，` +
            `可能为${CLASS_NAMES[lowest].zh}至${CLASS_NAMES[highest].zh}，无法判定`,
          en:
            `${g.name.en}: ${missingNames.en} not given; ` +
            `could be anything from ${CLASS_NAMES[lowest].en} to ${CLASS_NAMES[highest].en}, ` +
            'so undecided',
        }),
      ),
    };
  }
  const decidedBy = explain(g, given, lowest);
  if (missing.length > 0) {
    decidedBy.zh += `；未提供${missingNames.zh}，不影响结论`;
    decidedBy.en += `; ${missingNames.en} not given, which cannot change the result`;
  }
  return { sizeClass: lowest, basis: basis(prefix(decidedBy)) };
}

function unknownIndustry(groupName: LocalizedText, decidedBy: LocalizedText): SizeClassResult {
  return {
    sizeClass: 'unknown',
    basis: {
      group: null,
      groupName,
      indicators: [],
      decidedBy,
      missing: ['industryCode'],
      byAnalogy: false,
    },
  };
}

/**
 * The bounds of the size standard that apply to an industry, by indicator, ascending: the values
 * at which its class can change ("at or above the bound"). The profile form builds its ranges
 * from them (docs/web.md, "Ranges"), so that any figure within a range gives the same class.
 * Empty for an industry code that cannot be placed.
 */
export function sizeBoundsOf(industryCode: string): Record<SizeIndicator, number[]> {
  const out: Record<SizeIndicator, number[]> = {
    employees: [],
    annualRevenueYuan: [],
    totalAssetsYuan: [],
  };
  const found = groupOf(industryCode);
  if (found === null || found === 'too_coarse') return out;
  const g = GROUPS[found.group - 1];
  // The standard's bounds rise strictly from 小型 to the SME ceiling (the spec checks every group),
  // so read in that order they are ascending and distinct.
  for (const k of indicatorsOf(g)) {
    out[k] = [SMALL, MEDIUM, CEILING].map((level) => boundOf(g, k, level) as number);
  }
  return out;
}
