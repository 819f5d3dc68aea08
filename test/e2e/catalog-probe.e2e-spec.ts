import { createTestApp, TestApp } from '../support/test-app';

const base = () => ({
  code: 'PROBE_ONE',
  name: { zh: '测试', en: 'Test' },
  category: 'guarantee_loan',
  administrator: { zh: '管', en: 'Admin' },
  summary: { zh: '摘要', en: 'Summary' },
  amountMinYuan: 0,
  amountMaxYuan: 1000000,
  termMonthsMax: 12,
  rate: { basis: 'LPR_1Y' },
  collateral: 'none',
  eligibility: { all: [{ id: 'a', fact: 'employees', operator: 'greaterThan', value: 1, label: { zh: '人', en: 'people' } }] },
  partnerBankCodes: ['ABC'],
  sourceUrls: ['https://example.com/x'],
  provisional: false,
});

describe('probe', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.http.login('admin@test.example', 'admin-password-123');
  });
  afterAll(async () => t.close());
  const show = (label: string, r: any) => console.log(label, r.status, JSON.stringify(r.body).slice(0, 1500));

  it('probes', async () => {
    let n = 0;
    const post = async (label: string, mut: (b: any) => void) => {
      const b: any = base(); b.code = `PROBE_${++n}`; mut(b);
      const r = await t.http.post('/api/v1/admin/products', b, { token: admin });
      show(label, r);
      return { r, code: b.code };
    };
    await post('missing name', (b) => delete b.name);
    await post('name null', (b) => (b.name = null));
    await post('string amountMax', (b) => (b.amountMaxYuan = '5000'));
    await post('unknown prop', (b) => (b.foo = 1));
    await post('empty label zh', (b) => (b.eligibility.all[0].label.zh = ''));
    await post('NUL', (b) => (b.name.zh = 'a\u0000b'));
    const bad = await post('bad date', (b) => (b.validFrom = '2025-13-45'));
    show('publish bad date', await t.http.post(`/api/v1/admin/products/${bad.code}/publish`, undefined, { token: admin }));
    let deep: any = { v: 1 }; for (let i = 0; i < 20000; i++) deep = { a: deep };
    await post('deep elig', (b) => (b.eligibility = deep));
    let deepArr: any = 1; for (let i = 0; i < 20000; i++) deepArr = [deepArr];
    await post('deep arr', (b) => (b.sourceUrls = deepArr));
    await post('deep arr2', (b) => (b.foo = deepArr));
    const ok = await post('ok', () => {});
    show('patch null banks', await t.http.patch(`/api/v1/admin/products/${ok.code}`, { partnerBankCodes: null, category: null }, { token: admin }));
    show('publish', await t.http.post(`/api/v1/admin/products/${ok.code}/publish`, undefined, { token: admin }));
    const ok2 = await post('ok2', () => {});
    show('patch null name', await t.http.patch(`/api/v1/admin/products/${ok2.code}`, { category: null, rate: null, provisional: null, collateral: null, sourceUrls: null }, { token: admin }));
    show('publish2', await t.http.post(`/api/v1/admin/products/${ok2.code}/publish`, undefined, { token: admin }));
    show('get2', await t.http.get(`/api/v1/products/${ok2.code}`));
    const list = await t.http.get('/api/v1/products');
    show('list', { status: list.status, body: list.body.items.map((x: any) => x.code) });
    const e = list.headers.get('etag');
    show('304', await t.http.get('/api/v1/products', { headers: { 'if-none-match': e! } }));
    // concurrent bank
    const rs = await Promise.all([1, 2, 3, 4].map(() => t.http.post('/api/v1/admin/banks', { code: 'RACE_BANK', name: { zh: '行', en: 'B' }, regionCodes: ['360100'], webhookUrl: null }, { token: admin })));
    console.log('race', rs.map((r) => r.status));
    show('diff', await t.http.get(`/api/v1/admin/products/${ok2.code}/diff?from=1&to=1`, { token: admin }));
    show('elig array', (await post('elig array', (b) => (b.eligibility = []))).r);
  });
});
