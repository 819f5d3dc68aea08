import {
  byLoad,
  OPEN_STATUSES,
  routeReferral,
  RoutingBank,
  servesRegion,
  shanghaiDay,
  skipReason,
  TERMINAL_STATUSES,
} from './routing';

const NANCHANG_CITY = '360100';
const HONGGUTAN = '360113'; // a county (district) of Nanchang

function bank(code: string, over: Partial<RoutingBank> = {}): RoutingBank {
  return {
    code,
    active: true,
    acceptingReferrals: true,
    dailyCapacity: null,
    regionCodes: [NANCHANG_CITY],
    assignedToday: 0,
    openReferrals: 0,
    ...over,
  };
}

const where = { regionCode: HONGGUTAN, cityCode: NANCHANG_CITY };

describe('byLoad', () => {
  it.each<[string, RoutingBank, RoutingBank, number]>([
    [
      'fewer open referrals first',
      bank('B', { openReferrals: 1 }),
      bank('A', { openReferrals: 2 }),
      -1,
    ],
    [
      'more open referrals last',
      bank('A', { openReferrals: 2 }),
      bank('B', { openReferrals: 1 }),
      1,
    ],
    ['the lower code first on equal load', bank('A'), bank('B'), -1],
    ['the higher code last on equal load', bank('B'), bank('A'), 1],
    ['a tie when load and code are equal', bank('A'), bank('A'), 0],
  ])('should order %s', (_name, a, b, sign) => {
    expect(Math.sign(byLoad(a, b))).toBe(sign);
  });
});

describe('servesRegion', () => {
  it.each([
    ['the county itself', [HONGGUTAN], true],
    ['the whole city of the county', [NANCHANG_CITY], true],
    ['another county of the same city', ['360111'], false],
    ['another city', ['360400'], false],
    ['nothing', [], false],
  ])('should answer when the bank serves %s', (_, regionCodes, expected) => {
    expect(servesRegion({ regionCodes }, HONGGUTAN, NANCHANG_CITY)).toBe(expected);
  });

  it('should match a city-level enterprise only by the city code', () => {
    expect(servesRegion({ regionCodes: [NANCHANG_CITY] }, NANCHANG_CITY, null)).toBe(true);
    expect(servesRegion({ regionCodes: [HONGGUTAN] }, NANCHANG_CITY, null)).toBe(false);
  });
});

describe('skipReason', () => {
  it.each<[string, Partial<RoutingBank>, string[], string | null]>([
    ['an open, accepting bank with room', {}, [], null],
    ['an inactive bank', { active: false }, [], 'inactive'],
    ['a bank outside the region', { regionCodes: ['360400'] }, [], 'region_not_served'],
    ['a paused bank', { acceptingReferrals: false }, [], 'paused'],
    ['a bank one below capacity', { dailyCapacity: 3, assignedToday: 2 }, [], null],
    ['a bank exactly at capacity', { dailyCapacity: 3, assignedToday: 3 }, [], 'at_capacity'],
    [
      'a bank over capacity (lowered today)',
      { dailyCapacity: 1, assignedToday: 4 },
      [],
      'at_capacity',
    ],
    ['a bank with capacity 0', { dailyCapacity: 0 }, [], 'at_capacity'],
    [
      'a bank with no limit and many today',
      { dailyCapacity: null, assignedToday: 10_000 },
      [],
      null,
    ],
    ['an excluded bank', {}, ['A'], 'excluded'],
    [
      'a bank that is inactive and paused (inactive first)',
      { active: false, acceptingReferrals: false },
      [],
      'inactive',
    ],
    [
      'a paused bank at capacity (paused first)',
      { acceptingReferrals: false, dailyCapacity: 0 },
      [],
      'paused',
    ],
  ])('should classify %s', (_, over, excluded, expected) => {
    expect(skipReason(bank('A', over), { ...where, excludedBankCodes: excluded })).toBe(expected);
  });
});

describe('routeReferral without a named bank', () => {
  it.each<[string, RoutingBank[], string[], string]>([
    ['the only bank', [bank('A')], [], 'A'],
    [
      'the least-loaded bank',
      [bank('A', { openReferrals: 5 }), bank('B', { openReferrals: 2 })],
      [],
      'B',
    ],
    [
      'the lower code on equal load',
      [bank('B', { openReferrals: 1 }), bank('A', { openReferrals: 1 })],
      [],
      'A',
    ],
    [
      'a busier bank when the idle one is paused',
      [bank('A', { acceptingReferrals: false }), bank('B', { openReferrals: 9 })],
      [],
      'B',
    ],
    [
      'a busier bank when the idle one is full',
      [bank('A', { dailyCapacity: 2, assignedToday: 2 }), bank('B', { openReferrals: 9 })],
      [],
      'B',
    ],
    [
      'a busier bank when the idle one declined lately',
      [bank('A'), bank('B', { openReferrals: 9 })],
      ['A'],
      'B',
    ],
    [
      'a bank serving the county over an idle bank elsewhere',
      [
        bank('A', { regionCodes: ['360400'] }),
        bank('B', { regionCodes: [HONGGUTAN], openReferrals: 3 }),
      ],
      [],
      'B',
    ],
    [
      'load, not today’s assignments',
      [
        bank('A', { assignedToday: 9, openReferrals: 1 }),
        bank('B', { assignedToday: 0, openReferrals: 2 }),
      ],
      [],
      'A',
    ],
  ])('should choose %s', (_, partners, excluded, expected) => {
    expect(routeReferral({ partners, ...where, excludedBankCodes: excluded })).toEqual({
      ok: true,
      bankCode: expected,
    });
  });

  it('should say no bank is available, with each bank’s reason, when every partner is skipped', () => {
    const decision = routeReferral({
      partners: [
        bank('A', { acceptingReferrals: false }),
        bank('B', { dailyCapacity: 1, assignedToday: 1 }),
        bank('C', { regionCodes: ['360400'] }),
        bank('D', { active: false }),
      ],
      ...where,
    });
    expect(decision).toEqual({
      ok: false,
      reason: 'no_bank_available',
      skipped: [
        { code: 'A', skip: 'paused' },
        { code: 'B', skip: 'at_capacity' },
        { code: 'C', skip: 'region_not_served' },
        { code: 'D', skip: 'inactive' },
      ],
    });
  });

  it('should say no bank is available when the product has no partner bank at all', () => {
    expect(routeReferral({ partners: [], ...where })).toEqual({
      ok: false,
      reason: 'no_bank_available',
      skipped: [],
    });
  });
});

describe('routeReferral with a named bank', () => {
  const partners = [
    bank('A', { openReferrals: 7 }),
    bank('B', { acceptingReferrals: false }),
    bank('C', { dailyCapacity: 1, assignedToday: 1 }),
    bank('D', { openReferrals: 1 }),
  ];

  it('should keep the SME’s choice even when another bank is less loaded', () => {
    expect(routeReferral({ partners, ...where, requestedBankCode: 'A' })).toEqual({
      ok: true,
      bankCode: 'A',
    });
  });

  it.each<[string, string]>([
    ['B', 'paused'],
    ['C', 'at_capacity'],
  ])(
    'should refuse %s as unavailable (%s) and list the others, least-loaded first',
    (code, skip) => {
      expect(routeReferral({ partners, ...where, requestedBankCode: code })).toEqual({
        ok: false,
        reason: 'bank_unavailable',
        skip,
        availableBankCodes: ['D', 'A'],
      });
    },
  );

  it('should refuse a bank that is not a partner of the product', () => {
    expect(routeReferral({ partners, ...where, requestedBankCode: 'Z' })).toEqual({
      ok: false,
      reason: 'not_a_partner',
      availableBankCodes: ['D', 'A'],
    });
  });

  it('should list no others when the named bank was the only one left', () => {
    expect(
      routeReferral({
        partners: [bank('B', { acceptingReferrals: false })],
        ...where,
        requestedBankCode: 'B',
      }),
    ).toEqual({ ok: false, reason: 'bank_unavailable', skip: 'paused', availableBankCodes: [] });
  });
});

describe('open and terminal statuses', () => {
  it('should count every non-terminal status as open', () => {
    expect([...OPEN_STATUSES].sort()).toEqual([
      'acknowledged',
      'approved',
      'contacted',
      'submitted',
    ]);
    expect([...TERMINAL_STATUSES].sort()).toEqual(['declined', 'disbursed', 'withdrawn']);
  });
});

describe('shanghaiDay', () => {
  it.each([
    ['midnight in Shanghai', '2026-03-01T16:00:00.000Z', '2026-03-01T16:00:00.000Z'],
    [
      'one millisecond before midnight in Shanghai',
      '2026-03-01T15:59:59.999Z',
      '2026-02-28T16:00:00.000Z',
    ],
    ['noon in Shanghai', '2026-03-02T04:00:00.000Z', '2026-03-01T16:00:00.000Z'],
    [
      'the UTC day boundary (08:00 in Shanghai)',
      '2026-03-02T00:00:00.000Z',
      '2026-03-01T16:00:00.000Z',
    ],
    [
      'new year’s eve late evening in Shanghai',
      '2026-12-31T15:30:00.000Z',
      '2026-12-30T16:00:00.000Z',
    ],
  ])('should start the day at Shanghai midnight at %s', (_, at, start) => {
    const day = shanghaiDay(new Date(at));
    expect(day.start.toISOString()).toBe(start);
    expect(day.end.getTime() - day.start.getTime()).toBe(86_400_000);
  });
});

describe('routing for a re-route (banks already tried, recent decliners)', () => {
  it.each<[string, RoutingBank[], { tried?: string[]; excluded?: string[] }, string | null]>([
    [
      'the least-loaded bank that has not had it',
      [bank('A'), bank('B', { openReferrals: 4 }), bank('C', { openReferrals: 2 })],
      { tried: ['A'] },
      'C',
    ],
    [
      'neither a bank tried nor a recent decliner',
      [bank('A'), bank('B'), bank('C', { openReferrals: 9 })],
      { tried: ['A'], excluded: ['B'] },
      'C',
    ],
    ['nobody when every partner had it', [bank('A'), bank('B')], { tried: ['A', 'B'] }, null],
    [
      'nobody when the others declined lately',
      [bank('A'), bank('B')],
      { tried: ['A'], excluded: ['B'] },
      null,
    ],
    [
      'a paused bank never, even when it is the only one left',
      [bank('A'), bank('B', { acceptingReferrals: false })],
      { tried: ['A'] },
      null,
    ],
    [
      'a full bank never (a re-route counts towards the day)',
      [bank('A'), bank('B', { dailyCapacity: 5, assignedToday: 5 })],
      { tried: ['A'] },
      null,
    ],
    [
      'a bank outside the region never',
      [bank('A'), bank('B', { regionCodes: ['360400'] }), bank('C', { openReferrals: 3 })],
      { tried: ['A'] },
      'C',
    ],
  ])('should choose %s', (_, partners, { tried, excluded }, expected) => {
    const decision = routeReferral({
      partners,
      ...where,
      triedBankCodes: tried,
      excludedBankCodes: excluded,
    });
    expect(decision.ok ? decision.bankCode : null).toBe(expected);
  });

  it('should name each bank’s reason when none is left', () => {
    expect(
      routeReferral({
        partners: [bank('A'), bank('B'), bank('C', { acceptingReferrals: false })],
        ...where,
        triedBankCodes: ['A'],
        excludedBankCodes: ['B'],
      }),
    ).toEqual({
      ok: false,
      reason: 'no_bank_available',
      skipped: [
        { code: 'A', skip: 'already_tried' },
        { code: 'B', skip: 'excluded' },
        { code: 'C', skip: 'paused' },
      ],
    });
  });

  it.each<[string, Partial<RoutingBank>, string[], string[], string]>([
    ['a bank tried before (tried before excluded)', {}, ['A'], ['A'], 'already_tried'],
    ['an inactive bank tried before (inactive first)', { active: false }, ['A'], [], 'inactive'],
    [
      'a bank outside the region tried before',
      { regionCodes: ['360400'] },
      ['A'],
      [],
      'region_not_served',
    ],
    ['a paused bank tried before', { acceptingReferrals: false }, ['A'], [], 'already_tried'],
  ])('should classify %s', (_, over, tried, excluded, expected) => {
    expect(
      skipReason(bank('A', over), { ...where, triedBankCodes: tried, excludedBankCodes: excluded }),
    ).toBe(expected);
  });

  it('should refuse a named bank that had the referral, listing the others', () => {
    expect(
      routeReferral({
        partners: [bank('A'), bank('B'), bank('C')],
        ...where,
        requestedBankCode: 'A',
        triedBankCodes: ['A'],
      }),
    ).toEqual({
      ok: false,
      reason: 'bank_unavailable',
      skip: 'already_tried',
      availableBankCodes: ['B', 'C'],
    });
  });
});
