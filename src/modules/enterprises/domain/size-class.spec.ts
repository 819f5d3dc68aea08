import fc from 'fast-check';
import { classifySize, SizeClassInput, SizeIndicator, sizeBoundsOf } from './size-class';

/**
 * The standard's table typed in again from sme-size-standard.md (money in 万元), independently of
 * the implementation: [SME ceiling, 中型 lower bound, 小型 lower bound].
 */
type Triple = [number, number, number];
type Row = Partial<Record<SizeIndicator, Triple>>;
const STANDARD: [group: number, code: string, row: Row][] = [
  [1, 'A0111', { annualRevenueYuan: [20000, 500, 50] }],
  [2, 'C3982', { employees: [1000, 300, 20], annualRevenueYuan: [40000, 2000, 300] }],
  [3, 'E4710', { annualRevenueYuan: [80000, 6000, 300], totalAssetsYuan: [80000, 5000, 300] }],
  [4, 'F5131', { employees: [200, 20, 5], annualRevenueYuan: [40000, 5000, 1000] }],
  [5, 'F5211', { employees: [300, 50, 10], annualRevenueYuan: [20000, 500, 100] }],
  [6, 'G5430', { employees: [1000, 300, 20], annualRevenueYuan: [30000, 3000, 200] }],
  [7, 'G5920', { employees: [200, 100, 20], annualRevenueYuan: [30000, 1000, 100] }],
  [8, 'G6010', { employees: [1000, 300, 20], annualRevenueYuan: [30000, 2000, 100] }],
  [9, 'H6110', { employees: [300, 100, 10], annualRevenueYuan: [10000, 2000, 100] }],
  [10, 'H6210', { employees: [300, 100, 10], annualRevenueYuan: [10000, 2000, 100] }],
  [11, 'I6311', { employees: [2000, 100, 10], annualRevenueYuan: [100000, 1000, 100] }],
  [12, 'I6510', { employees: [300, 100, 10], annualRevenueYuan: [10000, 1000, 50] }],
  [13, 'K7010', { annualRevenueYuan: [200000, 1000, 100], totalAssetsYuan: [10000, 5000, 2000] }],
  [14, 'K7020', { employees: [1000, 300, 100], annualRevenueYuan: [5000, 1000, 500] }],
  [15, 'L7211', { employees: [300, 100, 10], totalAssetsYuan: [120000, 8000, 100] }],
  [16, 'M7310', { employees: [300, 100, 10] }],
];

const LEVELS = [
  { level: 'SME ceiling', index: 0, below: 'medium', atOrAbove: 'large' },
  { level: 'medium bound', index: 1, below: 'small', atOrAbove: 'medium' },
  { level: 'small bound', index: 2, below: 'micro', atOrAbove: 'small' },
] as const;

const toUnit = (k: SizeIndicator, v: number) => (k === 'employees' ? v : v * 10_000);

/**
 * For every group, bound and indicator: the other indicators sit exactly on their bound of the
 * same level, the tested one goes 1 unit (1 person or 1 yuan) below, onto and above its bound.
 */
const EDGES = STANDARD.flatMap(([group, code, row]) =>
  LEVELS.flatMap(({ level, index, below, atOrAbove }) =>
    (Object.keys(row) as SizeIndicator[]).flatMap((tested) =>
      ([-1, 0, 1] as const).map((delta) => {
        const input: SizeClassInput = { industryCode: code };
        for (const k of Object.keys(row) as SizeIndicator[]) {
          input[k] = toUnit(k, (row[k] as Triple)[index]) + (k === tested ? delta : 0);
        }
        const where = delta < 0 ? 'just below' : delta === 0 ? 'at' : 'just above';
        return {
          group,
          code,
          tested,
          value: input[tested] as number,
          where,
          level,
          input,
          expected: delta < 0 ? below : atOrAbove,
        };
      }),
    ),
  ),
);

describe('classifySize', () => {
  it('should cover every bound of all 16 groups when the edge table is built', () => {
    // 14 two-indicator groups × 3 bounds × 2 indicators × 3 edges + 2 one-indicator groups × 9.
    expect(EDGES).toHaveLength(14 * 18 + 2 * 9);
    expect(new Set(EDGES.map((e) => e.group)).size).toBe(16);
  });

  it.each(EDGES)(
    'should classify group $group ($code) as $expected when $tested = $value is $where the $level',
    ({ input, expected, group }) => {
      const result = classifySize(input);
      expect(result.sizeClass).toBe(expected);
      expect(result.basis.group).toBe(group);
      expect(result.basis.missing).toEqual([]);
    },
  );

  it.each([
    ['A', 'A0111', 1],
    ['A05', 'A0511', 1],
    ['B', 'B0610', 2],
    ['C', 'C39', 2],
    ['D', 'D4411', 2],
    ['E', 'E50', 3],
    ['F51', 'F51', 4],
    ['F52', 'F5261', 5],
    ['G53 railway (not transport)', 'G5311', 16, true],
    ['G54', 'G54', 6],
    ['G55', 'G5511', 6],
    ['G56', 'G5611', 6],
    ['G57', 'G5710', 6],
    ['G58', 'G5810', 6],
    ['G591 loading and unloading (transport)', 'G591', 6],
    ['G5910 loading and unloading (transport)', 'G5910', 6],
    ['G592 warehousing', 'G592', 7],
    ['G5920', 'G5920', 7],
    ['G60', 'G6020', 8],
    ['H61', 'H61', 9],
    ['H62', 'H62', 10],
    ['I63', 'I6311', 11],
    ['I64', 'I6410', 11],
    ['I65', 'I65', 12],
    ['J66 (finance)', 'J6621', 16, true],
    ['K701', 'K701', 13],
    ['K7010', 'K7010', 13],
    ['K702', 'K702', 14],
    ['K7020', 'K7020', 14],
    ['K703', 'K703', 16],
    ['K7040', 'K7040', 16, true],
    ['K709', 'K7090', 16],
    ['L71', 'L7111', 15],
    ['L72', 'L72', 15],
    ['M73', 'M73', 16],
    ['N77', 'N7721', 16],
    ['O80', 'O80', 16],
    ['P83 (education)', 'P8331', 16, true],
    ['Q84 (health)', 'Q8411', 16, true],
    ['Q85 (social work)', 'Q8510', 16],
    ['R86', 'R86', 16],
    ['S94', 'S94', 16, true],
    ['T97', 'T97', 16, true],
  ])(
    'should put %s into group %2$s → %3$i when mapping the industry code',
    (_l, code, group, byAnalogy = false) => {
      const all = { employees: 1, annualRevenueYuan: 1, totalAssetsYuan: 1 };
      const { basis } = classifySize({ industryCode: code, ...all });
      expect([basis.group, basis.byAnalogy]).toEqual([group, byAnalogy]);
    },
  );

  it('should size a loading and unloading firm as transport, not warehousing', () => {
    const firm = { employees: 150, annualRevenueYuan: 25_000_000 };
    expect(classifySize({ industryCode: 'G5910', ...firm }).sizeClass).toBe('small');
    // The same figures in warehousing reach the medium floor (100 staff, 1000万).
    expect(classifySize({ industryCode: 'G5920', ...firm }).sizeClass).toBe('medium');
  });

  it('should say in both languages that a private school is sized by analogy', () => {
    const { sizeClass, basis } = classifySize({
      industryCode: 'P8331',
      employees: 40,
      annualRevenueYuan: 3_000_000,
    });
    expect(sizeClass).toBe('small');
    expect(basis.byAnalogy).toBe(true);
    expect(basis.decidedBy.zh).toMatch(
      /^本行业不在中小企业划型标准范围内，参照其他未列明行业划型。/,
    );
    expect(basis.decidedBy.zh).toContain('从业人员 40 ≥ 10');
    expect(basis.decidedBy.en).toMatch(
      /^This industry lies outside the SME size standard; sized by analogy/,
    );
  });

  it('should not claim an analogy for an industry the standard names', () => {
    const { basis } = classifySize({ industryCode: 'M7320', employees: 40 });
    expect(basis.byAnalogy).toBe(false);
    expect(basis.decidedBy.zh).not.toContain('参照');
    expect(basis.decidedBy.en).not.toContain('analogy');
  });

  it.each([
    // Industry (group 2): the SME ceiling is "any below"; class bounds are "all at or above".
    ['one ceiling indicator below keeps it an SME', 5000, 39_999 * 10_000, 'medium'],
    ['both ceiling indicators reached makes it large', 1000, 40_000 * 10_000, 'large'],
    ['huge revenue with 5 staff is still micro', 5, 50_000 * 10_000, 'micro'],
    ['huge staff with tiny revenue is micro', 5000, 299 * 10_000, 'micro'],
    ['medium needs both: employees fall short', 299, 30_000 * 10_000, 'small'],
    ['medium needs both: revenue falls short', 900, 1_999 * 10_000, 'small'],
    ['small needs both: employees fall short', 19, 1_000 * 10_000, 'micro'],
    ['both at the small bound is small', 20, 300 * 10_000, 'small'],
    ['zero on both is micro', 0, 0, 'micro'],
  ])('should give %s when employees=%i and revenue=%i', (_l, employees, revenue, expected) => {
    const r = classifySize({ industryCode: 'C3982', employees, annualRevenueYuan: revenue });
    expect(r.sizeClass).toBe(expected);
  });

  it.each([
    {
      why: 'construction revenue is below the small bound and assets are missing',
      input: { industryCode: 'E4710', annualRevenueYuan: 2_999_999 },
      expected: 'micro',
      missing: ['totalAssetsYuan'],
    },
    {
      why: 'construction assets are below the small bound and revenue is missing',
      input: { industryCode: 'E4710', totalAssetsYuan: 1_000_000 },
      expected: 'micro',
      missing: ['annualRevenueYuan'],
    },
    {
      why: 'construction revenue reaches small and assets are missing',
      input: { industryCode: 'E4710', annualRevenueYuan: 3_000_000 },
      expected: 'unknown',
      missing: ['totalAssetsYuan'],
    },
    {
      why: 'industry employees are below 20 and revenue is missing',
      input: { industryCode: 'C3982', employees: 19 },
      expected: 'micro',
      missing: ['annualRevenueYuan'],
    },
    {
      why: 'industry revenue is large and employees are missing',
      input: { industryCode: 'C3982', annualRevenueYuan: 500_000_000 },
      expected: 'unknown',
      missing: ['employees'],
    },
    {
      why: 'every industry indicator is missing',
      input: { industryCode: 'C3982' },
      expected: 'unknown',
      missing: ['employees', 'annualRevenueYuan'],
    },
    {
      why: 'the only indicator of group 16 is missing',
      input: { industryCode: 'M7310', annualRevenueYuan: 1 },
      expected: 'unknown',
      missing: ['employees'],
    },
    {
      why: 'the only indicator of agriculture is null',
      input: { industryCode: 'A0111', employees: 3, annualRevenueYuan: null },
      expected: 'unknown',
      missing: ['annualRevenueYuan'],
    },
    {
      why: 'leasing has 9 employees and assets are missing',
      input: { industryCode: 'L7211', employees: 9 },
      expected: 'micro',
      missing: ['totalAssetsYuan'],
    },
    {
      why: 'real-estate assets are below 2000万 and revenue is missing',
      input: { industryCode: 'K7010', totalAssetsYuan: 19_999_999 },
      expected: 'micro',
      missing: ['annualRevenueYuan'],
    },
    {
      why: 'industry ignores total assets even when it is missing',
      input: { industryCode: 'C3982', employees: 38, annualRevenueYuan: 16_500_000 },
      expected: 'small',
      missing: [],
    },
    {
      why: 'a non-finite number is not taken as a value',
      input: { industryCode: 'C3982', employees: NaN, annualRevenueYuan: 16_500_000 },
      expected: 'unknown',
      missing: ['employees'],
    },
  ])('should return $expected when $why', ({ input, expected, missing }) => {
    const r = classifySize(input);
    expect(r.sizeClass).toBe(expected);
    expect(r.basis.missing).toEqual(missing);
  });

  it('should write yuan in English with thousands separators, as en-US does, at any length', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 0, max: 2_999_999 }),
          fc.integer({ min: 400_000_000, max: 9_999_999_999_999 }),
          // classifySize itself takes any finite number; the profile's schema refuses negatives.
          fc.integer({ min: -9_999_999_999_999, max: -1 }),
        ),
        (revenue) => {
          // Micro below 300万 (revenue named as short of small), large from 4亿 (named as reached).
          const employees = revenue < 3_000_000 ? 5 : 2_000;
          const { basis } = classifySize({
            industryCode: 'C3982',
            employees,
            annualRevenueYuan: revenue,
          });
          expect(basis.decidedBy.en).toContain(`revenue CNY ${revenue.toLocaleString('en-US')} `);
        },
      ),
    );
  });

  it.each([
    {
      input: { industryCode: 'C3982', employees: 38, annualRevenueYuan: 16_500_000 },
      zh: '工业：从业人员 38 ≥ 20 且营业收入 1650万 ≥ 300万 → 小型（从业人员 38 < 300、营业收入 1650万 < 2000万，未达中型）',
      en: 'Industry (mining, manufacturing, utilities): employees 38 ≥ 20 and revenue CNY 16,500,000 ≥ CNY 3,000,000 → small (employees 38 < 300, revenue CNY 16,500,000 < CNY 20,000,000, short of medium)',
    },
    {
      input: { industryCode: 'C3982', employees: 1200, annualRevenueYuan: 450_000_000 },
      zh: '工业：从业人员 1200 ≥ 1000 且营业收入 45000万 ≥ 40000万 → 大型（不属于中小微企业）',
      en: 'Industry (mining, manufacturing, utilities): employees 1200 ≥ 1000 and revenue CNY 450,000,000 ≥ CNY 400,000,000 → large (not an SME)',
    },
    {
      input: { industryCode: 'F5211', employees: 60, annualRevenueYuan: 250_000_000 },
      zh: '零售业：从业人员 60 ≥ 50 且营业收入 25000万 ≥ 500万 → 中型（从业人员 60 < 300，属中小微企业）',
      en: 'Retail: employees 60 ≥ 50 and revenue CNY 250,000,000 ≥ CNY 5,000,000 → medium (employees 60 < 300, so an SME)',
    },
    {
      input: { industryCode: 'E4710', annualRevenueYuan: 2_500_001 },
      zh: '建筑业：营业收入 250.0001万 < 300万 → 微型；未提供资产总额，不影响结论',
      en: 'Construction: revenue CNY 2,500,001 < CNY 3,000,000 → micro; total assets not given, which cannot change the result',
    },
    {
      input: { industryCode: 'C3982', annualRevenueYuan: 100_000_000 },
      zh: '工业：未提供从业人员，可能为微型至中型，无法判定',
      en: 'Industry (mining, manufacturing, utilities): employees not given; could be anything from micro to medium, so undecided',
    },
    {
      input: { industryCode: 'C3982', employees: 5, annualRevenueYuan: 1_000_000 },
      zh: '工业：从业人员 5 < 20，营业收入 100万 < 300万 → 微型',
      en: 'Industry (mining, manufacturing, utilities): employees 5 < 20, revenue CNY 1,000,000 < CNY 3,000,000 → micro',
    },
    {
      // Micro names only the indicators short of the small bound; 万 drop trailing zeros.
      input: { industryCode: 'C3982', employees: 250, annualRevenueYuan: 2_501_000 },
      zh: '工业：营业收入 250.1万 < 300万 → 微型',
      en: 'Industry (mining, manufacturing, utilities): revenue CNY 2,501,000 < CNY 3,000,000 → micro',
    },
    {
      input: { industryCode: 'K7010', annualRevenueYuan: 20_000_000, totalAssetsYuan: 60_000_000 },
      zh: '房地产开发经营：营业收入 2000万 ≥ 1000万 且资产总额 6000万 ≥ 5000万 → 中型（营业收入 2000万 < 200000万、资产总额 6000万 < 10000万，属中小微企业）',
      en: 'Real-estate development: revenue CNY 20,000,000 ≥ CNY 10,000,000 and total assets CNY 60,000,000 ≥ CNY 50,000,000 → medium (revenue CNY 20,000,000 < CNY 2,000,000,000, total assets CNY 60,000,000 < CNY 100,000,000, so an SME)',
    },
    {
      // Fractional yuan are shown as given, never rounded onto or off a bound.
      input: { industryCode: 'E4710', annualRevenueYuan: 2_500_000.5 },
      zh: '建筑业：营业收入 250.00005万 < 300万 → 微型；未提供资产总额，不影响结论',
      en: 'Construction: revenue CNY 2500000.5 < CNY 3,000,000 → micro; total assets not given, which cannot change the result',
    },
    {
      input: { industryCode: 'C3982', employees: 1200 },
      zh: '工业：未提供营业收入，可能为微型至大型，无法判定',
      en: 'Industry (mining, manufacturing, utilities): revenue not given; could be anything from micro to large, so undecided',
    },
    {
      input: { industryCode: 'E4710' },
      zh: '建筑业：未提供营业收入、资产总额，可能为微型至大型，无法判定',
      en: 'Construction: revenue, total assets not given; could be anything from micro to large, so undecided',
    },
    {
      input: { industryCode: 'P8331' },
      zh: '本行业不在中小企业划型标准范围内，参照其他未列明行业划型。其他未列明行业：未提供从业人员，可能为微型至大型，无法判定',
      en: 'This industry lies outside the SME size standard; sized by analogy with other industries not listed. Other industries not listed: employees not given; could be anything from micro to large, so undecided',
    },
  ])('should explain the deciding thresholds when classifying $input.industryCode', (c) => {
    expect(classifySize(c.input).basis.decidedBy).toEqual({ zh: c.zh, en: c.en });
  });

  // Industry (group 2): 从业人员 20 / 300 / 1000 人, 营业收入 300 / 2000 / 40000 万元; a figure at a
  // bound reaches it ("及以上"), and the Chinese lists join with 、 and ，.
  it.each([
    [
      { employees: 20, annualRevenueYuan: 3_000_000 },
      'small',
      '从业人员 20 ≥ 20 且营业收入 300万 ≥ 300万',
    ],
    [
      { employees: 400, annualRevenueYuan: 50_000_000 },
      'medium',
      '（从业人员 400 < 1000、营业收入 5000万 < 40000万，属中小微企业）',
    ],
    [
      { employees: 38, annualRevenueYuan: 16_500_000 },
      'small',
      '（从业人员 38 < 300、营业收入 1650万 < 2000万，未达中型）',
    ],
    [
      { employees: 5, annualRevenueYuan: 1_000_000 },
      'micro',
      '从业人员 5 < 20，营业收入 100万 < 300万 → 微型',
    ],
  ])('should name the bounds in Chinese when an industry firm has %j', (figures, cls, text) => {
    const r = classifySize({ industryCode: 'C3982', ...figures });
    expect(r.sizeClass).toBe(cls);
    expect(r.basis.decidedBy.zh).toContain(text);
  });

  it('should return the group, its name and its indicators when the class is known', () => {
    expect(
      classifySize({ industryCode: 'L7211', employees: 12, totalAssetsYuan: 1_000_000 }),
    ).toEqual({
      sizeClass: 'small',
      basis: {
        group: 15,
        groupName: { zh: '租赁和商务服务业', en: 'Leasing and business services' },
        indicators: ['employees', 'totalAssetsYuan'],
        decidedBy: expect.objectContaining({ zh: expect.stringContaining('→ 小型') }),
        missing: [],
        byAnalogy: false,
      },
    });
  });

  it.each([
    [
      'K70',
      { zh: '房地产业', en: 'Real estate' },
      {
        zh: '行业代码 K70 过粗：房地产开发经营（K701）、物业管理（K702）与其他房地产业适用不同标准，无法划型；请提供至少 3 位的行业代码',
        en: 'Industry code K70 is too coarse: real-estate development (K701), property management (K702) and other real estate use different thresholds, so undecided; give at least the 3-digit code',
      },
    ],
    [
      'G59',
      { zh: '装卸搬运和仓储业', en: 'Loading, unloading and warehousing' },
      {
        zh: '行业代码 G59 过粗：装卸搬运（G5910）按交通运输业划型，其他仓储按仓储业划型，无法划型；请提供至少 3 位的行业代码',
        en: 'Industry code G59 is too coarse: loading and unloading (G5910) is sized as transport, the rest of the division as warehousing, so undecided; give at least the 3-digit code',
      },
    ],
    [
      'A39',
      { zh: '未知行业', en: 'Unknown industry' },
      {
        zh: '行业代码 A39 不是已知的国民经济行业分类代码，无法划型',
        en: 'Industry code A39 is not a known GB/T 4754-2017 code',
      },
    ],
  ])(
    'should tell the SME why %s cannot be sized and what to give instead',
    (code, groupName, decidedBy) => {
      expect(classifySize({ industryCode: code, employees: 5, annualRevenueYuan: 1 })).toEqual({
        sizeClass: 'unknown',
        basis: {
          group: null,
          groupName,
          indicators: [],
          decidedBy,
          missing: ['industryCode'],
          byAnalogy: false,
        },
      });
    },
  );

  it.each([
    [1, 'A0111', '农、林、牧、渔业', 'Agriculture, forestry, animal husbandry and fishery'],
    [2, 'C3982', '工业', 'Industry (mining, manufacturing, utilities)'],
    [3, 'E4710', '建筑业', 'Construction'],
    [4, 'F5131', '批发业', 'Wholesale'],
    [5, 'F5211', '零售业', 'Retail'],
    [6, 'G5430', '交通运输业', 'Transport'],
    [7, 'G5920', '仓储业', 'Warehousing'],
    [8, 'G6010', '邮政业', 'Postal services'],
    [9, 'H6110', '住宿业', 'Accommodation'],
    [10, 'H6210', '餐饮业', 'Catering'],
    [11, 'I6311', '信息传输业', 'Information transmission'],
    [12, 'I6510', '软件和信息技术服务业', 'Software and IT services'],
    [13, 'K7010', '房地产开发经营', 'Real-estate development'],
    [14, 'K7020', '物业管理', 'Property management'],
    [15, 'L7211', '租赁和商务服务业', 'Leasing and business services'],
    [16, 'M7310', '其他未列明行业', 'Other industries not listed'],
  ])('should call group %i (%s) by the standard’s name %s', (group, code, zh, en) => {
    const { basis } = classifySize({ industryCode: code });
    expect([basis.group, basis.groupName]).toEqual([group, { zh, en }]);
    expect(basis.decidedBy.zh.startsWith(`${zh}：`)).toBe(true);
    expect(basis.decidedBy.en.startsWith(`${en}: `)).toBe(true);
  });

  it.each(['K70', 'G59'])('should return unknown when the code is only %s', (code) => {
    const r = classifySize({
      industryCode: code,
      employees: 5,
      annualRevenueYuan: 1,
      totalAssetsYuan: 1,
    });
    expect(r.sizeClass).toBe('unknown');
    expect(r.basis.group).toBeNull();
    expect(r.basis.missing).toEqual(['industryCode']);
    expect(r.basis.decidedBy.zh).toContain('过粗');
  });

  it.each(['A39', 'X01', 'c3982', ''])(
    'should return unknown with no group when the industry code %p is not valid',
    (code) => {
      const r = classifySize({ industryCode: code, employees: 5, annualRevenueYuan: 1 });
      expect(r.sizeClass).toBe('unknown');
      expect(r.basis.group).toBeNull();
      expect(r.basis.missing).toEqual(['industryCode']);
    },
  );

  it('should only answer a class when every filling of the missing indicators agrees', () => {
    const codes = STANDARD.map(([, code]) => code);
    const amount = fc.oneof(
      fc.integer({ min: 0, max: 3_000 }),
      fc.integer({ min: 0, max: 2_500_000_000 }),
      fc.constantFrom(...STANDARD.flatMap(([, , row]) => Object.values(row).flat())),
    );
    const maybe = fc.option(amount, { nil: undefined });
    fc.assert(
      fc.property(
        fc.constantFrom(...codes),
        maybe,
        maybe,
        maybe,
        fc.tuple(amount, amount, amount),
        (industryCode, employees, annualRevenueYuan, totalAssetsYuan, fill) => {
          const partial = classifySize({
            industryCode,
            employees,
            annualRevenueYuan,
            totalAssetsYuan,
          });
          const full = classifySize({
            industryCode,
            employees: employees ?? fill[0],
            annualRevenueYuan: annualRevenueYuan ?? fill[1],
            totalAssetsYuan: totalAssetsYuan ?? fill[2],
          });
          expect(full.sizeClass).not.toBe('unknown');
          if (partial.sizeClass !== 'unknown') expect(full.sizeClass).toBe(partial.sizeClass);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('sizeBoundsOf', () => {
  it('should list the bounds of the industry group, ascending, when the code can be placed', () => {
    expect(sizeBoundsOf('C3982')).toEqual({
      employees: [20, 300, 1000],
      annualRevenueYuan: [300 * 10_000, 2000 * 10_000, 40000 * 10_000],
      totalAssetsYuan: [],
    });
    expect(sizeBoundsOf('E4811').totalAssetsYuan).toEqual([
      300 * 10_000,
      5000 * 10_000,
      80000 * 10_000,
    ]);
  });

  it('should list, for every group, its small, medium and ceiling bounds in that rising order', () => {
    for (const [, code, row] of STANDARD) {
      const bounds = sizeBoundsOf(code);
      for (const k of ['employees', 'annualRevenueYuan', 'totalAssetsYuan'] as const) {
        const triple = row[k];
        const expected = triple ? [triple[2], triple[1], triple[0]].map((v) => toUnit(k, v)) : [];
        expect(bounds[k]).toEqual(expected);
        expect(expected).toEqual([...new Set(expected)].sort((a, b) => a - b));
      }
    }
  });

  it('should list nothing when the code cannot be placed', () => {
    expect(sizeBoundsOf('K70')).toEqual({
      employees: [],
      annualRevenueYuan: [],
      totalAssetsYuan: [],
    });
    expect(sizeBoundsOf('not a code').employees).toEqual([]);
  });

  it('should give the same class for any two figures between the same two bounds', () => {
    const industries = ['A0111', 'C3982', 'E4811', 'F5211', 'I6511', 'K7010', 'L7211'];
    fc.assert(
      fc.property(
        fc.constantFrom(...industries),
        fc.nat(5000),
        fc.nat(2_000_000_000),
        fc.nat(2_000_000_000),
        fc.nat(2_000_000_000),
        (industryCode, employees, revenue, other, assets) => {
          const bounds = sizeBoundsOf(industryCode).annualRevenueYuan;
          const bucket = (v: number) => bounds.filter((b) => v >= b).length;
          fc.pre(bucket(revenue) === bucket(other));
          const at = (annualRevenueYuan: number) =>
            classifySize({ industryCode, employees, annualRevenueYuan, totalAssetsYuan: assets })
              .sizeClass;
          expect(at(revenue)).toBe(at(other));
        },
      ),
    );
  });
});
