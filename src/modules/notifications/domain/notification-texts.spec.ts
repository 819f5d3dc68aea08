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
  'referral.rerouted': { ...ref, fromBankName: { zh: '中国银行', en: 'Bank of China' } },
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
});
