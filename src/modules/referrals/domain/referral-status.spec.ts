import {
  DECLINE_REASON_LABELS,
  DECLINE_REASONS,
  REFERRAL_EVENT_TYPES,
  REFERRAL_STATUSES,
  ReferralActor,
  ReferralEventType,
  ReferralStatus,
  TERMINAL_REFERRAL_STATUSES,
  allowedEvents,
  transition,
  validateEventPayload,
} from './referral-status';

// The legal moves, written out by hand from docs/api.md rather than derived from the table under test.
const LEGAL: ReadonlyArray<[ReferralStatus, ReferralEventType, ReferralActor, ReferralStatus]> = [
  ['submitted', 'acknowledged', 'bank', 'acknowledged'],
  ['submitted', 'withdrawn', 'sme', 'withdrawn'],
  ['acknowledged', 'contacted', 'bank', 'contacted'],
  ['acknowledged', 'declined', 'bank', 'declined'],
  ['acknowledged', 'withdrawn', 'sme', 'withdrawn'],
  ['contacted', 'approved', 'bank', 'approved'],
  ['contacted', 'declined', 'bank', 'declined'],
  ['contacted', 'withdrawn', 'sme', 'withdrawn'],
  ['approved', 'disbursed', 'bank', 'disbursed'],
  ['approved', 'declined', 'bank', 'declined'],
];

const ACTORS: ReferralActor[] = ['bank', 'sme'];
const ALL_CASES = REFERRAL_STATUSES.flatMap((status) =>
  REFERRAL_EVENT_TYPES.flatMap((event) =>
    ACTORS.map((actor) => {
      const legal = LEGAL.find(([s, e, a]) => s === status && e === event && a === actor);
      return { status, event, actor, expected: legal ? legal[3] : null };
    }),
  ),
);

describe('transition', () => {
  it('should cover every status × event × actor when enumerating the table cases', () => {
    expect(ALL_CASES).toHaveLength(7 * 6 * 2);
    expect(ALL_CASES.filter((c) => c.expected !== null)).toHaveLength(LEGAL.length);
  });

  it.each(ALL_CASES)(
    'should give $expected when a $actor posts $event on a $status referral',
    ({ status, event, actor, expected }) => {
      const result = transition(status, event, actor);
      if (expected === null) {
        expect(result).toEqual({ ok: false, code: 'invalid_transition' });
      } else {
        expect(result).toEqual({ ok: true, next: expected });
      }
    },
  );

  it.each([
    ['submitted', 'declined', 'bank'],
    ['approved', 'withdrawn', 'sme'],
    ['submitted', 'withdrawn', 'bank'],
    ['submitted', 'acknowledged', 'sme'],
  ] as const)('should refuse when the spec forbids it: %s + %s by %s', (status, event, actor) => {
    expect(transition(status, event, actor).ok).toBe(false);
  });

  it.each([
    ['constructor', 'acknowledged'],
    ['submitted', 'constructor'],
    ['submitted', '__proto__'],
    ['unknown', 'withdrawn'],
    ['submitted', 'toString'],
  ])(
    'should return invalid_transition when status %s or event %s is not in the table',
    (status, event) => {
      const result = transition(status as ReferralStatus, event as ReferralEventType, 'bank');
      expect(result).toEqual({ ok: false, code: 'invalid_transition' });
      const bySme = transition(status as ReferralStatus, event as ReferralEventType, 'sme');
      expect(bySme).toEqual({ ok: false, code: 'invalid_transition' });
    },
  );

  it('should list declined, disbursed and withdrawn when asked for terminal statuses', () => {
    expect([...TERMINAL_REFERRAL_STATUSES].sort()).toEqual(['declined', 'disbursed', 'withdrawn']);
  });
});

describe('allowedEvents', () => {
  it.each([
    ['submitted', 'bank', ['acknowledged']],
    ['submitted', 'sme', ['withdrawn']],
    ['acknowledged', 'bank', ['contacted', 'declined']],
    ['contacted', 'bank', ['approved', 'declined']],
    ['approved', 'bank', ['declined', 'disbursed']],
    ['approved', 'sme', []],
    ['disbursed', 'bank', []],
    ['withdrawn', 'sme', []],
  ] as const)(
    'should list the events a party may post when the referral is %s and the actor is %s',
    (status, actor, expected) => {
      expect(allowedEvents(status, actor).sort()).toEqual([...expected].sort());
    },
  );
});

describe('validateEventPayload', () => {
  const none = { approvedAmountYuan: null };
  const approved = { approvedAmountYuan: 1_000_000 };

  it.each([
    ['acknowledged', {}, none],
    ['contacted', { note: '已电话联系' }, none],
    ['approved', { amountYuan: 1 }, none],
    ['approved', { amountYuan: Number.MAX_SAFE_INTEGER }, none],
    ['declined', { reason: 'insufficient_collateral' }, none],
    ['declined', { reason: 'other', note: '申请人已获得其他银行贷款' }, none],
    ['disbursed', { amountYuan: 1_000_000 }, approved],
    ['disbursed', { amountYuan: 400_000 }, approved],
    ['withdrawn', { note: null }, none],
    ['contacted', { note: 'x'.repeat(1000) }, none],
    ['contacted', { note: '贷'.repeat(1000) }, none],
    ['contacted', { note: '😀'.repeat(1000) }, none],
  ] as const)('should accept the payload when a %s event has %j', (type, fields, context) => {
    expect(validateEventPayload({ type, ...fields }, context)).toEqual([]);
  });

  it.each([
    ['approved', {}, none, 'amountYuan', 'required'],
    ['approved', { amountYuan: null }, none, 'amountYuan', 'required'],
    ['disbursed', {}, approved, 'amountYuan', 'required'],
    ['approved', { amountYuan: 0 }, none, 'amountYuan', 'invalid_amount'],
    ['approved', { amountYuan: -5 }, none, 'amountYuan', 'invalid_amount'],
    ['approved', { amountYuan: 1.5 }, none, 'amountYuan', 'invalid_amount'],
    ['approved', { amountYuan: '1000' }, none, 'amountYuan', 'invalid_amount'],
    ['approved', { amountYuan: Number.MAX_SAFE_INTEGER + 1 }, none, 'amountYuan', 'invalid_amount'],
    ['approved', { amountYuan: Number.NaN }, none, 'amountYuan', 'invalid_amount'],
    ['approved', { amountYuan: Infinity }, none, 'amountYuan', 'invalid_amount'],
    ['disbursed', { amountYuan: 1_000_001 }, approved, 'amountYuan', 'exceeds_approved_amount'],
    ['declined', {}, none, 'reason', 'required'],
    ['declined', { reason: null }, none, 'reason', 'required'],
    ['declined', { reason: 'bad_vibes' }, none, 'reason', 'invalid_enum'],
    ['declined', { reason: 'OTHER' }, none, 'reason', 'invalid_enum'],
    ['declined', { reason: 3 }, none, 'reason', 'invalid_enum'],
    ['declined', { reason: 'toString' }, none, 'reason', 'invalid_enum'],
    ['acknowledged', { amountYuan: 5 }, none, 'amountYuan', 'not_allowed'],
    ['declined', { reason: 'other', amountYuan: 5 }, none, 'amountYuan', 'not_allowed'],
    ['approved', { amountYuan: 5, reason: 'other' }, none, 'reason', 'not_allowed'],
    ['withdrawn', { reason: 'other' }, none, 'reason', 'not_allowed'],
    ['contacted', { note: 'x'.repeat(1001) }, none, 'note', 'too_long'],
    ['contacted', { note: '😀'.repeat(1001) }, none, 'note', 'too_long'],
    ['contacted', { note: 42 }, none, 'note', 'invalid_type'],
  ] as const)(
    'should report one issue when a %s event has %j (%j)',
    (type, fields, context, path, code) => {
      const issues = validateEventPayload({ type, ...fields }, context);
      expect(issues).toEqual([{ path, code, message: expect.any(String) }]);
    },
  );

  it('should compare only a disbursement with the approved amount', () => {
    const small = { approvedAmountYuan: 100 };
    expect(validateEventPayload({ type: 'approved', amountYuan: 200 }, small)).toEqual([]);
  });

  // A bank officer reads these in the problem details: they name the field and what it accepts.
  it.each([
    [
      { type: 'submitted' as ReferralEventType },
      none,
      'type must be one of acknowledged, contacted, approved, declined, disbursed, withdrawn',
    ],
    [{ type: 'approved' as const }, none, 'amountYuan is required for approved'],
    [
      { type: 'approved' as const, amountYuan: 0 },
      none,
      'amountYuan must be a positive whole number of yuan',
    ],
    [
      { type: 'disbursed' as const, amountYuan: 1_000_001 },
      approved,
      'amountYuan must not exceed the approved amount of 1000000',
    ],
    [{ type: 'declined' as const }, none, 'reason is required'],
    [
      { type: 'declined' as const, reason: 'x' },
      none,
      'reason must be one of insufficient_credit, insufficient_collateral, not_eligible, ' +
        'incomplete_documents, applicant_unreachable, applicant_declined_offer, exceeds_limit, other',
    ],
    [{ type: 'contacted' as const, note: 42 }, none, 'note must be a string'],
    [
      { type: 'contacted' as const, note: 'x'.repeat(1001) },
      none,
      'note must be at most 1000 characters',
    ],
    [
      { type: 'withdrawn' as const, reason: 'other' },
      none,
      'reason is not accepted on a withdrawn event',
    ],
  ])('should explain the issue in words when the payload is %j', (payload, context, message) => {
    expect(validateEventPayload(payload as never, context).map((i) => i.message)).toEqual([
      message,
    ]);
  });

  it('should not compare with an approval when the referral has none', () => {
    // transition() reports the illegal state; the payload check must not mask it with a 422.
    expect(validateEventPayload({ type: 'disbursed', amountYuan: 5 }, none)).toEqual([]);
  });

  it('should report every problem when a payload has several', () => {
    const issues = validateEventPayload(
      { type: 'declined', amountYuan: 5, note: 'x'.repeat(1001) },
      none,
    );
    expect(issues.map((i) => `${i.path}:${i.code}`)).toEqual([
      'amountYuan:not_allowed',
      'reason:required',
      'note:too_long',
    ]);
  });

  it('should report the type when it is not an event type', () => {
    const issues = validateEventPayload(
      { type: 'submitted' as ReferralEventType, amountYuan: 1 },
      none,
    );
    expect(issues).toEqual([{ path: 'type', code: 'invalid_enum', message: expect.any(String) }]);
  });

  it.each(DECLINE_REASONS.map((reason) => [reason]))(
    'should have zh and en labels when the decline reason is %s',
    (reason) => {
      expect(DECLINE_REASON_LABELS[reason].zh).toMatch(/\S/);
      expect(DECLINE_REASON_LABELS[reason].en).toMatch(/\S/);
      expect(validateEventPayload({ type: 'declined', reason }, none)).toEqual([]);
    },
  );
});
