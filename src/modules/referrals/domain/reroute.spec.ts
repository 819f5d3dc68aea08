import {
  APPLICANT_DECLINE_REASONS,
  AUTOMATIC_TRIGGERS,
  declineExclusionSince,
  isApplicantsOwnDecline,
  MAX_BANKS_PER_REFERRAL,
  mayReroute,
  RerouteFacts,
  RerouteTrigger,
} from './reroute';

function facts(over: Partial<RerouteFacts> = {}): RerouteFacts {
  return {
    status: 'submitted',
    overdueStage: 'acknowledge',
    declineReason: null,
    allowReroute: true,
    freshConsent: false,
    banksTried: 1,
    ...over,
  };
}

const declined = (reason: string, over: Partial<RerouteFacts> = {}) =>
  facts({ status: 'declined', overdueStage: null, declineReason: reason, ...over });

describe('isApplicantsOwnDecline', () => {
  it.each([
    ['applicant_declined_offer', true],
    ['insufficient_credit', false],
    ['applicant_unreachable', false],
    ['other', false],
    [null, false],
  ])('should say whether %s is the applicant’s own doing', (reason, expected) => {
    expect(isApplicantsOwnDecline(reason)).toBe(expected);
  });

  it('should list only the applicant turning the offer down', () => {
    expect(APPLICANT_DECLINE_REASONS).toEqual(['applicant_declined_offer']);
  });
});

describe('declineExclusionSince', () => {
  const now = new Date('2026-06-30T02:00:00.000Z'); // 10:00 in Nanchang
  const keepsAway = (declinedAt: string) => new Date(declinedAt) >= declineExclusionSince(now);

  it.each([
    ['earlier today', '2026-06-30T01:00:00.000Z', true],
    ['89 days ago', '2026-04-02T02:00:00.000Z', true],
    ['exactly 90 days ago, to the millisecond', '2026-04-01T02:00:00.000Z', true],
    ['90 days and a millisecond ago', '2026-04-01T01:59:59.999Z', false],
    ['91 days ago', '2026-03-31T02:00:00.000Z', false],
  ])('should keep a bank away that declined %s', (_when, declinedAt, expected) => {
    expect(keepsAway(declinedAt)).toBe(expected);
  });
});

describe('automatic re-routing', () => {
  it('should start only from a missed acknowledge deadline or a decline', () => {
    expect([...AUTOMATIC_TRIGGERS].sort()).toEqual(['acknowledge_overdue', 'declined']);
  });

  it.each(AUTOMATIC_TRIGGERS)(
    'should act on %s only with the SME’s standing permission, never on fresh consent alone',
    (trigger) => {
      const f = trigger === 'declined' ? declined('insufficient_credit') : facts();
      expect(mayReroute(trigger, { ...f, allowReroute: false, freshConsent: true })).toEqual({
        ok: false,
        refusal: 'consent_required',
      });
      expect(mayReroute(trigger, { ...f, allowReroute: true, freshConsent: false })).toEqual({
        ok: true,
      });
    },
  );
});

describe('mayReroute', () => {
  it.each<[string, RerouteTrigger, RerouteFacts, string | null]>([
    // The missed acknowledge deadline (the sweep).
    ['a missed acknowledge deadline with permission', 'acknowledge_overdue', facts(), null],
    [
      'a missed acknowledge deadline without permission',
      'acknowledge_overdue',
      facts({ allowReroute: false }),
      'consent_required',
    ],
    [
      'an acknowledge deadline not yet missed',
      'acknowledge_overdue',
      facts({ overdueStage: null }),
      'not_overdue',
    ],
    [
      'an acknowledged referral whose acknowledge deadline had passed (acknowledged late)',
      'acknowledge_overdue',
      facts({ status: 'acknowledged', overdueStage: 'acknowledge' }),
      'not_overdue',
    ],
    [
      'a contacted referral whose acknowledge deadline had passed',
      'acknowledge_overdue',
      facts({ status: 'contacted', overdueStage: 'acknowledge' }),
      'not_overdue',
    ],
    [
      'an acknowledged referral whose contact deadline passed',
      'acknowledge_overdue',
      facts({ status: 'acknowledged', overdueStage: 'contact' }),
      'not_overdue',
    ],
    [
      'a missed deadline of a referral that already had three banks',
      'acknowledge_overdue',
      facts({ banksTried: MAX_BANKS_PER_REFERRAL }),
      'limit_reached',
    ],
    [
      'a missed deadline of a referral on its second bank',
      'acknowledge_overdue',
      facts({ banksTried: MAX_BANKS_PER_REFERRAL - 1 }),
      null,
    ],
    [
      'a declined referral swept for its deadline',
      'acknowledge_overdue',
      declined('insufficient_credit'),
      'not_reroutable',
    ],
    // A decline.
    ['a bank’s decline with permission', 'declined', declined('insufficient_credit'), null],
    [
      'a bank’s decline without permission',
      'declined',
      declined('insufficient_credit', { allowReroute: false }),
      'consent_required',
    ],
    [
      'the applicant turning the offer down',
      'declined',
      declined('applicant_declined_offer'),
      'applicants_own_decline',
    ],
    [
      'a decline after three banks',
      'declined',
      declined('other', { banksTried: 3 }),
      'limit_reached',
    ],
    ['a decline trigger on an open referral', 'declined', facts(), 'not_reroutable'],
    // The SME asks, with fresh consent.
    [
      'the SME after a missed acknowledge deadline',
      'sme_request',
      facts({ allowReroute: false, freshConsent: true }),
      null,
    ],
    [
      'the SME after a missed decide deadline',
      'sme_request',
      facts({ status: 'contacted', overdueStage: 'decide', freshConsent: true }),
      null,
    ],
    [
      'the SME when an earlier stage was missed but the current one is on time',
      'sme_request',
      facts({ status: 'acknowledged', overdueStage: 'acknowledge', freshConsent: true }),
      'not_overdue',
    ],
    [
      'the SME while the bank is on time',
      'sme_request',
      facts({ overdueStage: null, freshConsent: true }),
      'not_overdue',
    ],
    [
      'the SME after a decline',
      'sme_request',
      declined('not_eligible', { allowReroute: false, freshConsent: true }),
      null,
    ],
    [
      'the SME after turning the offer down',
      'sme_request',
      declined('applicant_declined_offer', { freshConsent: true }),
      'applicants_own_decline',
    ],
    [
      'the SME without fresh consent (standing permission is not enough by hand)',
      'sme_request',
      facts({ allowReroute: true, freshConsent: false }),
      'consent_required',
    ],
    [
      'the SME at the limit',
      'sme_request',
      facts({ freshConsent: true, banksTried: 3 }),
      'limit_reached',
    ],
    // An admin reassigns.
    [
      'an admin, any open referral, with permission',
      'admin_reassign',
      facts({ overdueStage: null }),
      null,
    ],
    [
      'an admin, a contacted referral on time',
      'admin_reassign',
      facts({ status: 'contacted', overdueStage: null }),
      null,
    ],
    [
      'an admin without the SME’s permission',
      'admin_reassign',
      facts({ allowReroute: false, freshConsent: true }),
      'consent_required',
    ],
    ['an admin, a declined referral', 'admin_reassign', declined('exceeds_limit'), null],
    [
      'an admin, a referral the applicant turned down',
      'admin_reassign',
      declined('applicant_declined_offer'),
      'applicants_own_decline',
    ],
    ['an admin at the limit', 'admin_reassign', facts({ banksTried: 3 }), 'limit_reached'],
    // States nothing re-routes.
    ...(['approved', 'disbursed', 'withdrawn'] as const).flatMap((status) =>
      (['acknowledge_overdue', 'declined', 'sme_request', 'admin_reassign'] as const).map(
        (trigger): [string, RerouteTrigger, RerouteFacts, string | null] => [
          `${trigger} of a ${status} referral`,
          trigger,
          facts({ status, overdueStage: null, freshConsent: true }),
          'not_reroutable',
        ],
      ),
    ),
    [
      'a withdrawn referral without consent (state first)',
      'sme_request',
      facts({ status: 'withdrawn', freshConsent: false }),
      'not_reroutable',
    ],
    [
      'an on-time referral without consent at the limit (state first)',
      'sme_request',
      facts({ overdueStage: null, banksTried: 3 }),
      'not_overdue',
    ],
    [
      'a missed deadline without consent at the limit (consent before limit)',
      'acknowledge_overdue',
      facts({ allowReroute: false, banksTried: 3 }),
      'consent_required',
    ],
  ])('should decide %s', (_, trigger, f, refusal) => {
    expect(mayReroute(trigger, f)).toEqual(
      refusal === null ? { ok: true } : { ok: false, refusal },
    );
  });
});
