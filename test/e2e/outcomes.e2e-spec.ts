import { ApiKeysService } from '../../src/modules/auth/api-keys.service';
import { DeadlinesService } from '../../src/modules/referrals/deadlines.service';
import { ADMIN } from '../support/env';
import { techSmeProfile } from '../support/fixtures';
import { expectProblem } from '../support/problems';
import { createTestApp, TestApp } from '../support/test-app';

const PRODUCT = 'KEDAITONG';

/**
 * Outcome statistics (docs/outcomes.md): every event is posted through the bank API, as a partner
 * bank would; figures are read back through the stats, outlook and match preview routes.
 */
describe('bank outcomes and product outlooks (e2e)', () => {
  let t: TestApp;
  let admin: string;
  const keys: Record<string, string> = {};
  let serial = 0;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.http.login(ADMIN.email, ADMIN.password);
    for (const code of ['CCB', 'BOCOM']) {
      const [row] = await t.sql<{ id: string }>('SELECT id FROM partner_bank WHERE code = $1', [
        code,
      ]);
      keys[code] = (await t.app.get(ApiKeysService).issue(row.id)).apiKey;
    }
  });
  afterAll(() => t.close());

  async function submit(bankCode: string): Promise<string> {
    serial += 1;
    const token = await t.http.registerSme(`outcomes-${serial}@example.cn`);
    const ent = await t.http.post('/api/v1/enterprises', techSmeProfile(), { token });
    expect(ent.status).toBe(201);
    const res = await t.http.post(
      '/api/v1/referrals',
      {
        enterpriseId: ent.body.id,
        productCode: PRODUCT,
        bankCode,
        requestedAmountYuan: 2_000_000,
        termMonths: 12,
        consent: { granted: true },
      },
      { token, headers: { 'idempotency-key': `outcomes-${serial}` } },
    );
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
    return res.body.id as string;
  }

  async function post(bankCode: string, id: string, body: Record<string, unknown>) {
    const res = await t.http.post(`/api/v1/bank/referrals/${id}/events`, body, {
      apiKey: keys[bankCode],
    });
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
  }

  /** Submitted, acknowledged, contacted and decided by `bankCode` the same day. */
  async function decided(bankCode: string, decision: Record<string, unknown>): Promise<string> {
    const id = await submit(bankCode);
    await post(bankCode, id, { type: 'acknowledged' });
    await post(bankCode, id, { type: 'contacted' });
    await post(bankCode, id, decision);
    return id;
  }

  const approve = { type: 'approved', amountYuan: 2_000_000 };
  const decline = (reason: string) => ({ type: 'declined', reason });

  const outlook = async () => {
    const res = await t.http.get(`/api/v1/products/${PRODUCT}/outlook`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const previewOutlook = async () => {
    const res = await t.http.post('/api/v1/matches/preview', techSmeProfile());
    expect(res.status).toBe(200);
    return res.body.results.find((r: { productCode: string }) => r.productCode === PRODUCT).outlook;
  };

  it('should refuse a malformed period, naming the parameter', async () => {
    const bad = await t.http.get('/api/v1/admin/stats/banks?from=2026-02-30', { token: admin });
    expectProblem(bad, 400, 'validation_failed');
    expect(bad.body.errors).toEqual([
      expect.objectContaining({ path: 'from', code: 'invalid_date' }),
    ]);
    const reversed = await t.http.get('/api/v1/bank/stats?from=2026-03-02&to=2026-03-01', {
      apiKey: keys.CCB,
    });
    expectProblem(reversed, 400, 'validation_failed');
    expect(reversed.body.errors).toEqual([
      expect.objectContaining({ path: 'from', code: 'after_to' }),
    ]);
    expect((await t.http.get('/api/v1/admin/stats/banks')).status).toBe(401);
    expect((await t.http.get('/api/v1/bank/stats', { token: admin })).status).toBe(403);
    expect((await t.http.get('/api/v1/products/NO_SUCH_PRODUCT/outlook')).status).toBe(404);
  });

  it('should keep a product’s outlook hidden until 10 enterprises had a decision from 2 banks', async () => {
    const none = {
      decided: null,
      approvalRate: null,
      medianWorkingDaysToDecision: null,
      topDeclineReasons: null,
      insufficientData: true,
    };
    expect(await outlook()).toEqual(none);
    // Ten decisions from one bank are not enough: that bank could be singled out.
    for (let i = 0; i < 3; i++) await decided('CCB', approve);
    await decided('CCB', decline('insufficient_collateral'));
    await decided('CCB', decline('insufficient_credit'));
    await decided('BOCOM', approve);
    await decided('BOCOM', approve);
    await decided('BOCOM', decline('insufficient_collateral'));
    await decided('BOCOM', decline('insufficient_collateral'));
    expect(await outlook()).toEqual(none);
    expect(await previewOutlook()).toEqual(none);

    // The tenth enterprise: the figures show, in both places, reasons by their labels.
    await decided('BOCOM', decline('exceeds_limit'));
    const shown = {
      decided: 10,
      approvalRate: 0.5,
      medianWorkingDaysToDecision: 0,
      topDeclineReasons: [
        {
          label: { zh: '抵押或担保不足', en: 'Insufficient collateral or guarantee' },
          count: 3,
          share: 0.6,
        },
        {
          label: { zh: '信用状况不满足要求', en: 'Insufficient credit standing' },
          count: 1,
          share: 0.2,
        },
        {
          label: { zh: '超出可授信额度', en: 'Exceeds the available credit limit' },
          count: 1,
          share: 0.2,
        },
      ],
      insufficientData: false,
    };
    expect(await outlook()).toEqual(shown);
    expect(await previewOutlook()).toEqual(shown);
    expect(JSON.stringify(await outlook())).not.toMatch(/insufficient_|exceeds_limit/);
  });

  it('should count each bank’s referrals, timings, outcomes and money', async () => {
    // One CCB approval is disbursed in part; one CCB referral waits past its deadline.
    const [approved] = await t.sql<{ id: string }>(
      `SELECT id FROM referral WHERE bank_code = 'CCB' AND status = 'approved' LIMIT 1`,
    );
    await post('CCB', approved.id, { type: 'disbursed', amountYuan: 1_500_000 });
    const late = await submit('CCB');
    const [{ due }] = await t.sql<{ due: Date }>(
      'SELECT acknowledge_due_at AS due FROM referral WHERE id = $1',
      [late],
    );
    t.clock.set(new Date(due.getTime() + 60_000));
    expect((await t.app.get(DeadlinesService).sweep()).overdue).toBe(1);

    const before = await t.http.get('/api/v1/admin/stats/banks', { token: admin });
    expect(before.status).toBe(200);
    const ccb = before.body.banks.find((b: { bankCode: string }) => b.bankCode === 'CCB');
    expect(ccb).toEqual({
      bankCode: 'CCB',
      bankName: { zh: '中国建设银行', en: 'China Construction Bank' },
      received: 6,
      // The waiting one counts as late once its deadline was marked passed.
      acknowledgedOnTime: 0.8333,
      medianWorkingDaysToAcknowledge: 0,
      medianWorkingDaysToDecision: 0,
      approved: 3,
      declined: 2,
      approvalRate: 0.6,
      declineReasons: { insufficient_collateral: 1, insufficient_credit: 1 },
      disbursedYuan: 1_500_000,
      overdueOpen: 1,
      rerouted: 0,
    });
    // Every partner bank has a row, by code; those without referrals show zeros.
    const codes = before.body.banks.map((b: { bankCode: string }) => b.bankCode);
    expect(codes).toEqual([...codes].sort());
    expect(codes.length).toBeGreaterThan(2);
    expect(
      before.body.banks.find((b: { bankCode: string }) => b.bankCode === 'BOCOM'),
    ).toMatchObject({
      received: 5,
      approved: 2,
      declined: 3,
      approvalRate: 0.4,
      declineReasons: { insufficient_collateral: 2, exceeds_limit: 1 },
      disbursedYuan: 0,
    });

    // Acknowledged after the deadline passed: late, and no longer overdue.
    await post('CCB', late, { type: 'acknowledged' });
    const own = await t.http.get('/api/v1/bank/stats', { apiKey: keys.CCB });
    expect(own.status).toBe(200);
    expect(own.body.banks).toHaveLength(1);
    expect(own.body.banks[0]).toMatchObject({
      bankCode: 'CCB',
      received: 6,
      acknowledgedOnTime: 0.8333,
      overdueOpen: 0,
    });
    expect(own.body.banks[0].medianWorkingDaysToAcknowledge).toBe(0);

    // A period before any referral: nothing received.
    const empty = await t.http.get('/api/v1/bank/stats?from=2020-01-01&to=2020-12-31', {
      apiKey: keys.CCB,
    });
    expect(empty.body).toEqual({
      from: '2020-01-01',
      to: '2020-12-31',
      banks: [expect.objectContaining({ bankCode: 'CCB', received: 0, acknowledgedOnTime: null })],
    });
  });
});
