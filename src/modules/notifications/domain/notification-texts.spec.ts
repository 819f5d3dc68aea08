import { DECLINE_REASON_LABELS, DECLINE_REASONS } from '../../referrals/domain/referral-status';
import {
  formatYuan,
  NOTIFICATION_TYPES,
  NotificationFacts,
  NotificationType,
  renderNotification,
} from './notification-texts';

const product = { zh: '科贷通', en: 'Kedaitong' };
const bank = { zh: '建设银行江西省分行', en: 'CCB Jiangxi' };
const ref = { productName: product, bankName: bank };

const SAMPLES: { [T in NotificationType]: NotificationFacts[T] } = {
  'referral.acknowledged': ref,
  'referral.contacted': ref,
  'referral.approved': { ...ref, amountYuan: 1_500_000 },
  'referral.declined': { ...ref, reason: 'insufficient_collateral' },
  'referral.disbursed': { ...ref, amountYuan: 1_234_567 },
  'referral.overdue': { ...ref, stage: 'acknowledge' },
  'referral.rerouted': {
    ...ref,
    fromBankName: { zh: '中国银行', en: 'Bank of China' },
    cause: 'declined',
    reason: 'insufficient_credit',
  },
  'referral.reroute_exhausted': ref,
  'claim.decided': {
    decision: 'transfer',
    audience: 'claimant',
    uscc: '91360100MA35XXXX0X',
    enterpriseName: '南昌某电子科技有限公司',
    note: null,
  },
  'match.changed': {
    productName: product,
    from: 'needs_info',
    to: 'eligible',
    criteria: [{ zh: '企业规模', en: 'Enterprise size' }],
  },
};

describe('formatYuan', () => {
  it.each([
    [1_500_000, '150万元', 'CNY 1,500,000'],
    [1_234_567, '123.4567万元', 'CNY 1,234,567'],
    [10_000, '1万元', 'CNY 10,000'],
    [5_000, '0.5万元', 'CNY 5,000'],
    [1, '0.0001万元', 'CNY 1'],
    [100_000_000, '10000万元', 'CNY 100,000,000'],
  ])('should write %d yuan as %s and %s', (yuan, zh, en) => {
    expect(formatYuan(yuan)).toEqual({ zh, en });
  });
});

describe('renderNotification', () => {
  it.each(NOTIFICATION_TYPES)('should write a title and body in both languages for %s', (type) => {
    const text = renderNotification(type, SAMPLES[type] as never);
    for (const part of [text.title, text.body]) {
      expect(part.zh.length).toBeGreaterThan(4);
      expect(part.en.length).toBeGreaterThan(4);
      // Chinese text is Chinese; English has no Han characters beyond the names it quotes.
      expect(part.zh).toMatch(/[\u4e00-\u9fff]/);
      // No internal codes: snake_case identifiers, dotted type names, undefined or null.
      for (const s of [part.zh, part.en]) {
        expect(s).not.toMatch(/[a-z]+_[a-z]+|referral\.|claim\.|match\.|undefined|null/);
      }
    }
  });

  it('should name the amount in 万元 and in yuan on an approval', () => {
    const text = renderNotification('referral.approved', SAMPLES['referral.approved']);
    expect(text.body.zh).toContain('150万元');
    expect(text.body.en).toContain('CNY 1,500,000');
    expect(text.body.zh).toContain('建设银行江西省分行');
  });

  it.each(DECLINE_REASONS)('should give the decline reason %s by its label', (reason) => {
    const text = renderNotification('referral.declined', { ...ref, reason });
    expect(text.body.en).toContain(`Reason: ${DECLINE_REASON_LABELS[reason].en}.`);
    expect(text.body.zh).toContain(`原因：${DECLINE_REASON_LABELS[reason].zh}。`);
  });

  it.each([
    ['transfer', 'claimant', '转到您的账户'],
    ['reject', 'claimant', '未获通过'],
    ['transfer', 'previous_owner', '无法再查看'],
    ['reject', 'previous_owner', '仍由您管理'],
  ] as const)('should tell the %s decision to the %s', (decision, audience, phrase) => {
    const text = renderNotification('claim.decided', {
      ...SAMPLES['claim.decided'],
      decision,
      audience,
      note: '营业执照核对一致',
    });
    expect(text.body.zh).toContain(phrase);
    expect(text.body.zh).toContain('营业执照核对一致');
    expect(text.body.en).toContain('营业执照核对一致');
  });

  it('should name the credit code when the enterprise has no name on record', () => {
    const text = renderNotification('claim.decided', {
      ...SAMPLES['claim.decided'],
      enterpriseName: null,
    });
    expect(text.body.zh).toContain('统一社会信用代码 91360100MA35XXXX0X');
    expect(text.body.en).toContain('credit code 91360100MA35XXXX0X');
  });

  it.each([
    [null, 'eligible', '为「符合条件」', 'is eligible'],
    [
      'eligible',
      'retired',
      '由「符合条件」变为「已下线」',
      'changed from eligible to no longer offered',
    ],
    ['eligible', 'ineligible', '变为「不符合条件」', 'to not eligible'],
  ] as const)('should say a match went from %s to %s', (from, to, zh, en) => {
    const text = renderNotification('match.changed', { ...SAMPLES['match.changed'], from, to });
    expect(text.body.zh).toContain(zh);
    expect(text.body.en).toContain(en);
  });

  it.each(['acknowledge', 'contact', 'decide'] as const)(
    'should say which step is late for the %s stage',
    (stage) => {
      const text = renderNotification('referral.overdue', { ...ref, stage });
      expect(text.body.en).toMatch(/did not (acknowledge|contact you about|decide on) your/);
    },
  );

  it.each([
    ['acknowledge_overdue', '中国银行未在约定的工作日内受理', 'did not acknowledge'],
    [
      'declined',
      '中国银行未通过您的「科贷通」申请（原因：信用状况不满足要求）',
      'declined your Kedaitong application (reason: Insufficient credit standing)',
    ],
    ['sme_request', '按照您的要求', 'As you asked'],
    ['admin_reassign', '平台管理员已将', "the platform's administrators have moved"],
  ] as const)('should say why a referral moved when it was %s', (cause, zh, en) => {
    const text = renderNotification('referral.rerouted', {
      ...SAMPLES['referral.rerouted'],
      cause,
    });
    expect(text.title.zh).toBe('您的申请已转至建设银行江西省分行');
    expect(text.body.zh).toContain(zh);
    expect(text.body.en).toContain(en);
    expect(text.body.zh).toContain('转给建设银行江西省分行办理');
    expect(text.body.zh).toContain('处理时限从今天起重新计算。');
    expect(text.body.en).toContain('The response times start again from today.');
  });

  it('should leave the reason out of a decline that carries none', () => {
    const text = renderNotification('referral.rerouted', {
      ...ref,
      fromBankName: { zh: '中国银行', en: 'Bank of China' },
      cause: 'declined',
    });
    expect(text.body.zh).toContain('中国银行未通过您的「科贷通」申请。');
    expect(text.body.en).toContain('declined your Kedaitong application. As you allowed');
  });
});

// Whole sentences, so that a lost word, a label in the wrong language or a missing separator shows.
describe('renderNotification, word for word', () => {
  it.each([
    ['acknowledge', '确认受理', 'acknowledge'],
    ['contact', '联系您', 'contact you about'],
    ['decide', '作出审批决定', 'decide on'],
  ] as const)('should name the late %s step in both languages', (stage, zh, en) => {
    const text = renderNotification('referral.overdue', { ...ref, stage });
    expect(text.title).toEqual({
      zh: '建设银行江西省分行尚未按时处理您的申请',
      en: 'CCB Jiangxi is late with your application',
    });
    expect(text.body.zh).toBe(
      `建设银行江西省分行未在约定的工作日内${zh}您的「科贷通」申请。我们已提醒银行并通知了平台管理员。`,
    );
    expect(text.body.en).toBe(
      `CCB Jiangxi did not ${en} your Kedaitong application within the agreed working days. We have reminded the bank and told the platform's administrators.`,
    );
  });

  const claim = SAMPLES['claim.decided'];
  it.each([
    [
      'transfer',
      'claimant',
      { zh: '您的企业认领已通过', en: 'Your claim has been accepted' },
      'After review, 南昌某电子科技有限公司 (91360100MA35XXXX0X) now belongs to your account.',
    ],
    [
      'reject',
      'claimant',
      { zh: '您的企业认领未通过', en: 'Your claim was not accepted' },
      'After review, your claim to 南昌某电子科技有限公司 (91360100MA35XXXX0X) was not accepted;',
    ],
    [
      'transfer',
      'previous_owner',
      { zh: '一家企业已移出您的账户', en: 'An enterprise has left your account' },
      'a letter of authorisation for 南昌某电子科技有限公司 (91360100MA35XXXX0X); after review it now belongs to that account',
    ],
    [
      'reject',
      'previous_owner',
      { zh: '针对您企业的认领已被驳回', en: 'A claim to your enterprise was rejected' },
      'Another account asked to take over 南昌某电子科技有限公司 (91360100MA35XXXX0X); after review the claim was rejected',
    ],
  ] as const)('should title the %s decision for the %s', (decision, audience, title, en) => {
    const plain = renderNotification('claim.decided', { ...claim, decision, audience });
    expect(plain.title).toEqual(title);
    expect(plain.body.en).toContain(en);
    expect(plain.body.zh).toContain('南昌某电子科技有限公司（91360100MA35XXXX0X）');
    // Without a note the text ends with its own sentence; with one, the note follows it.
    expect(plain.body.zh).toMatch(/。$/);
    expect(plain.body.en).toMatch(/\.$/);
    const noted = renderNotification('claim.decided', {
      ...claim,
      decision,
      audience,
      note: '已核对',
    });
    expect(noted.body.zh).toBe(`${plain.body.zh}管理员说明：已核对`);
    expect(noted.body.en).toBe(`${plain.body.en} The administrator's note: 已核对`);
  });

  it('should list the criteria that changed, or none', () => {
    const facts = {
      productName: product,
      from: 'needs_info' as const,
      to: 'eligible' as const,
      criteria: [
        { zh: '企业规模', en: 'Enterprise size' },
        { zh: '纳税信用', en: 'Tax credit' },
      ],
    };
    const text = renderNotification('match.changed', facts);
    expect(text.title).toEqual({
      zh: '「科贷通」的匹配结果有变化',
      en: 'Your match for Kedaitong has changed',
    });
    expect(text.body).toEqual({
      zh: '产品规则更新后，您的企业对「科贷通」的匹配结果由「需补充信息」变为「符合条件」。变化的条件：企业规模；纳税信用。',
      en: "After a change to the product's rules, your enterprise changed from needs more information to eligible for Kedaitong. What changed: Enterprise size; Tax credit.",
    });
    const bare = renderNotification('match.changed', { ...facts, criteria: [] });
    expect(bare.body).toEqual({
      zh: '产品规则更新后，您的企业对「科贷通」的匹配结果由「需补充信息」变为「符合条件」。',
      en: "After a change to the product's rules, your enterprise changed from needs more information to eligible for Kedaitong.",
    });
  });
});
