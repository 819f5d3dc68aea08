import { ApiKeysService } from '../../src/modules/auth/api-keys.service';
import { ADMIN } from '../support/env';
import { freshUscc, techSmeProfile } from '../support/fixtures';
import { expectProblem } from '../support/problems';
import { createTestApp, TestApp } from '../support/test-app';

const STATEMENT =
  '我司是该信用代码的合法持有人，营业执照正本及法定代表人签署的授权书可提交平台核验。';

describe('claims on a credit code someone else registered (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let bankKey: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.http.login(ADMIN.email, ADMIN.password);
    const [ccb] = await t.sql<{ id: string }>("SELECT id FROM partner_bank WHERE code = 'CCB'");
    bankKey = (await t.app.get(ApiKeysService).issue(ccb.id)).apiKey;
  });
  afterAll(() => t.close());

  const notifications = async (token: string) =>
    (await t.http.get('/api/v1/notifications', { token })).body.items as any[];

  it('should point a second registrant to the claim, transfer on decision, and keep the old profile from the new owner', async () => {
    const squatter = await t.http.registerSme('squatter@example.cn');
    const owner = await t.http.registerSme('rightful@example.cn');
    const uscc = freshUscc();
    const created = await t.http.post('/api/v1/enterprises', techSmeProfile({ uscc }), {
      token: squatter,
    });
    expect(created.status).toBe(201);
    const enterpriseId = created.body.id as string;
    const run = await t.http.post(`/api/v1/enterprises/${enterpriseId}/matches`, undefined, {
      token: squatter,
    });
    expect(run.status).toBe(201);
    const open = await t.http.post(
      '/api/v1/referrals',
      {
        enterpriseId,
        productCode: 'KEDAITONG',
        bankCode: 'CCB',
        requestedAmountYuan: 2_000_000,
        termMonths: 12,
        consent: { granted: true },
      },
      { token: squatter, headers: { 'idempotency-key': 'same-key' } },
    );
    expect(open.status).toBe(201);

    // The second registrant is told the code is taken and how to claim it.
    const taken = await t.http.post(
      '/api/v1/enterprises',
      techSmeProfile({ uscc, name: '真正的公司' }),
      { token: owner },
    );
    expectProblem(taken, 409, 'conflict');
    expect(taken.body.errors).toEqual([
      expect.objectContaining({ path: 'uscc', code: 'already_registered' }),
    ]);
    expect(taken.body.detail).toContain('POST /enterprises/claims');

    const claim = await t.http.post(
      '/api/v1/enterprises/claims',
      { uscc, statement: STATEMENT },
      { token: owner },
    );
    expect(claim.status).toBe(201);
    expect(claim.body).toEqual({
      id: expect.any(String),
      uscc,
      statement: STATEMENT,
      status: 'open',
      note: null,
      createdAt: expect.any(String),
      decidedAt: null,
    });
    const twice = await t.http.post(
      '/api/v1/enterprises/claims',
      { uscc, statement: STATEMENT },
      { token: owner },
    );
    expectProblem(twice, 409, 'conflict');
    expect(twice.body.errors).toEqual([expect.objectContaining({ code: 'claim_open' })]);
    const mine = await t.http.get('/api/v1/enterprises/claims', { token: owner });
    expect(mine.body.items.map((c: any) => c.id)).toEqual([claim.body.id]);
    expect(
      (await t.http.get('/api/v1/enterprises/claims', { token: squatter })).body.items,
    ).toEqual([]);

    const listed = await t.http.get('/api/v1/admin/enterprise-claims?status=open', {
      token: admin,
    });
    expect(listed.status).toBe(200);
    expect(listed.body.items.find((c: any) => c.id === claim.body.id)).toMatchObject({
      enterpriseId,
      status: 'open',
      claimant: { email: 'rightful@example.cn' },
      owner: { email: 'squatter@example.cn' },
    });

    const decided = await t.http.post(
      `/api/v1/admin/enterprise-claims/${claim.body.id}/decide`,
      { decision: 'transfer', note: '营业执照原件核对一致' },
      { token: admin },
    );
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({
      status: 'transferred',
      note: '营业执照原件核对一致',
      decidedAt: expect.any(String),
      owner: { email: 'rightful@example.cn' },
      previousOwnerId: expect.any(String),
    });
    const again = await t.http.post(
      `/api/v1/admin/enterprise-claims/${claim.body.id}/decide`,
      { decision: 'reject', note: 'x' },
      { token: admin },
    );
    expectProblem(again, 409, 'invalid_transition');

    // The previous owner loses the enterprise and its open referral: 404, as for any stranger.
    expectProblem(
      await t.http.get(`/api/v1/enterprises/${enterpriseId}`, { token: squatter }),
      404,
      'not_found',
    );
    expectProblem(
      await t.http.get(`/api/v1/referrals/${open.body.id}`, { token: squatter }),
      404,
      'not_found',
    );
    expect((await t.http.get('/api/v1/enterprises', { token: squatter })).body.items).toEqual([]);

    // The new owner sees the enterprise but none of the profile written before the transfer.
    const seen = await t.http.get(`/api/v1/enterprises/${enterpriseId}`, { token: owner });
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({
      id: enterpriseId,
      version: null,
      profile: null,
      derived: null,
    });
    expect(
      (await t.http.get(`/api/v1/enterprises/${enterpriseId}/versions`, { token: owner })).body,
    ).toEqual({ items: [], nextCursor: null });
    expectProblem(
      await t.http.get(`/api/v1/match-runs/${run.body.id}`, { token: owner }),
      404,
      'not_found',
    );
    const match = await t.http.post(`/api/v1/enterprises/${enterpriseId}/matches`, undefined, {
      token: owner,
    });
    expectProblem(match, 409, 'conflict');
    expect(match.body.errors).toEqual([expect.objectContaining({ code: 'profile_required' })]);
    expect((await t.http.get(`/api/v1/referrals/${open.body.id}`, { token: owner })).status).toBe(
      200,
    );

    // Both were told, each in words meant for them; the claimant does not learn the old name.
    const [toOwner] = await notifications(owner);
    expect(toOwner.type).toBe('claim.decided');
    expect(toOwner.body.zh).toContain('转到您的账户');
    expect(toOwner.body.zh).toContain('营业执照原件核对一致');
    expect(JSON.stringify(toOwner)).not.toContain('南昌某电子科技有限公司');
    const [toSquatter] = await notifications(squatter);
    expect(toSquatter.type).toBe('claim.decided');
    expect(toSquatter.body.zh).toContain('无法再查看');
    expect(toSquatter.body.zh).toContain('南昌某电子科技有限公司');

    // The new owner describes the enterprise; only what it wrote is in its history.
    const put = await t.http.put(
      `/api/v1/enterprises/${enterpriseId}`,
      techSmeProfile({ uscc, name: '真正的公司' }),
      { token: owner },
    );
    expect(put.status).toBe(200);
    expect(put.body.version).toBe(2);
    const history = await t.http.get(`/api/v1/enterprises/${enterpriseId}/versions`, {
      token: owner,
    });
    expect(history.body.items.map((v: any) => v.version)).toEqual([2]);
    const adminHistory = await t.http.get(`/api/v1/enterprises/${enterpriseId}/versions`, {
      token: admin,
    });
    expect(adminHistory.body.items.map((v: any) => v.version)).toEqual([1, 2]);
    expect(
      (
        await t.http.post(`/api/v1/enterprises/${enterpriseId}/matches`, undefined, {
          token: owner,
        })
      ).status,
    ).toBe(201);

    // Later events on the moved referral reach the new owner only.
    expect(
      (
        await t.http.post(
          `/api/v1/bank/referrals/${open.body.id}/events`,
          { type: 'acknowledged' },
          { apiKey: bankKey },
        )
      ).status,
    ).toBe(201);
    expect((await notifications(owner)).map((n) => n.type)).toEqual([
      'referral.acknowledged',
      'claim.decided',
    ]);
    expect((await notifications(squatter)).map((n) => n.type)).toEqual(['claim.decided']);

    const audit = await t.sql<{ action: string; entity_type: string }>(
      `SELECT action, entity_type FROM audit_entry
        WHERE entity_key IN ($1, $2) ORDER BY created_at, action`,
      [claim.body.id, enterpriseId],
    );
    expect(audit.map((a) => a.action).sort()).toEqual([
      'claim.submitted',
      'claim.transferred',
      'enterprise.transferred',
    ]);
    // No mail is configured in this file: notifications stay in the service.
    expect(await t.sql('SELECT id FROM mail_delivery')).toEqual([]);
  });

  it('should reject a claim, leave the enterprise where it was and tell both', async () => {
    const holder = await t.http.registerSme('holder@example.cn');
    const claimant = await t.http.registerSme('hopeful@example.cn');
    const uscc = freshUscc();
    const created = await t.http.post('/api/v1/enterprises', techSmeProfile({ uscc }), {
      token: holder,
    });
    const claim = await t.http.post(
      '/api/v1/enterprises/claims',
      { uscc, statement: STATEMENT },
      { token: claimant },
    );
    expect(claim.status).toBe(201);
    const rejected = await t.http.post(
      `/api/v1/admin/enterprise-claims/${claim.body.id}/decide`,
      { decision: 'reject', note: '未能提供营业执照原件' },
      { token: admin },
    );
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      owner: { email: 'holder@example.cn' },
    });

    expect(
      (await t.http.get(`/api/v1/enterprises/${created.body.id}`, { token: holder })).body.version,
    ).toBe(1);
    expect(
      (await t.http.get(`/api/v1/enterprises/${created.body.id}`, { token: claimant })).status,
    ).toBe(404);
    const [toClaimant] = await notifications(claimant);
    expect(toClaimant).toMatchObject({ type: 'claim.decided', readAt: null });
    expect(toClaimant.body.zh).toContain('未获通过');
    expect(toClaimant.body.en).toContain('未能提供营业执照原件');
    const [toHolder] = await notifications(holder);
    expect(toHolder.body.zh).toContain('仍由您管理');

    // Once decided, the claimant may claim again with better evidence.
    const retry = await t.http.post(
      '/api/v1/enterprises/claims',
      { uscc, statement: STATEMENT },
      { token: claimant },
    );
    expect(retry.status).toBe(201);
    const rejectedOnly = await t.http.get('/api/v1/admin/enterprise-claims?status=rejected', {
      token: admin,
    });
    expect(rejectedOnly.body.items.map((c: any) => c.id)).toEqual([claim.body.id]);
  });

  it('should refuse claims that cannot stand, with the field and a code', async () => {
    const sme = await t.http.registerSme('claims-bad@example.cn');
    const uscc = freshUscc();
    await t.http.post('/api/v1/enterprises', techSmeProfile({ uscc }), { token: sme });
    const post = (body: unknown, token = sme) =>
      t.http.post('/api/v1/enterprises/claims', body, { token });

    const own = await post({ uscc, statement: STATEMENT });
    expectProblem(own, 422, 'validation_failed');
    expect(own.body.errors).toEqual([expect.objectContaining({ code: 'already_yours' })]);
    const badDigit = await post({
      uscc: uscc.slice(0, 17) + (uscc[17] === '0' ? '1' : '0'),
      statement: STATEMENT,
    });
    expectProblem(badDigit, 422, 'invalid_credit_code');
    const unknown = await post({ uscc: freshUscc(), statement: STATEMENT });
    expectProblem(unknown, 422, 'validation_failed');
    expect(unknown.body.errors).toEqual([expect.objectContaining({ code: 'not_registered' })]);
    expectProblem(await post({ uscc, statement: '是我的' }), 400, 'validation_failed');
    expectProblem(await post({ uscc, statement: STATEMENT, extra: 1 }), 400, 'validation_failed');
    expectProblem(await post({ uscc, statement: STATEMENT }, admin), 403, 'forbidden');
    expect(
      (await t.http.post('/api/v1/enterprises/claims', { uscc, statement: STATEMENT })).status,
    ).toBe(401);

    expectProblem(
      await t.http.get('/api/v1/admin/enterprise-claims', { token: sme }),
      403,
      'forbidden',
    );
    expectProblem(
      await t.http.get('/api/v1/admin/enterprise-claims?status=maybe', { token: admin }),
      400,
      'validation_failed',
    );
    expectProblem(
      await t.http.post(
        '/api/v1/admin/enterprise-claims/00000000-0000-4000-8000-000000000000/decide',
        { decision: 'transfer', note: 'x' },
        { token: admin },
      ),
      404,
      'not_found',
    );
    expectProblem(
      await t.http.post(
        '/api/v1/admin/enterprise-claims/00000000-0000-4000-8000-000000000000/decide',
        { decision: 'keep', note: 'x' },
        { token: admin },
      ),
      400,
      'validation_failed',
    );
  });
});
