import { randomBytes } from 'node:crypto';
import { ADMIN } from '../support/env';
import { techSmeProfile } from '../support/fixtures';
import type { HttpClient } from '../support/http';
import type { FuzzWorld } from './fuzz';

function itemsOf(body: unknown): Record<string, unknown>[] {
  if (Array.isArray(body)) return body as Record<string, unknown>[];
  return ((body as { items?: unknown[] })?.items ?? []) as Record<string, unknown>[];
}

/**
 * The parties and records the fuzzer works with, made through the API itself: an admin, two SMEs
 * with an enterprise, a match run and a referral each, and an API key of the bank the first
 * referral goes to. That bank's code and key id are kept out of the path values, so the fuzzer
 * cannot revoke the key it calls with.
 */
export async function buildWorld(http: HttpClient): Promise<FuzzWorld> {
  const tag = randomBytes(3).toString('hex');
  const admin = await http.login(ADMIN.email, ADMIN.password);
  const sme = await http.registerSme(`fuzz-a-${tag}@example.cn`);
  const otherSme = await http.registerSme(`fuzz-b-${tag}@example.cn`);

  const enterprises: string[] = [];
  const matchRuns: string[] = [];
  const referrals: string[] = [];
  for (const [i, token] of [sme, otherSme].entries()) {
    const ent = await http.post('/api/v1/enterprises', techSmeProfile(), { token });
    if (ent.status !== 201)
      throw new Error(`enterprise: ${ent.status} ${JSON.stringify(ent.body)}`);
    enterprises.push(ent.body.id);
    const run = await http.post(`/api/v1/enterprises/${ent.body.id}/matches`, undefined, { token });
    if (run.status !== 201) throw new Error(`match run: ${run.status}`);
    matchRuns.push(run.body.id);
    const ref = await http.post(
      '/api/v1/referrals',
      {
        enterpriseId: ent.body.id,
        productCode: 'KEDAITONG',
        bankCode: 'CCB',
        requestedAmountYuan: 2_000_000,
        termMonths: 12,
        consent: { granted: true },
      },
      { token, headers: { 'idempotency-key': `fuzz-${tag}-${i}` } },
    );
    if (ref.status !== 201) throw new Error(`referral: ${ref.status} ${JSON.stringify(ref.body)}`);
    referrals.push(ref.body.id);
  }

  const key = await http.post('/api/v1/admin/banks/CCB/api-keys', undefined, { token: admin });
  if (key.status !== 201) throw new Error(`api key: ${key.status}`);
  const otherKey = await http.post('/api/v1/admin/banks/BOC/api-keys', undefined, { token: admin });

  const products = itemsOf((await http.get('/api/v1/products')).body).map((p) => String(p.code));
  const banks = itemsOf((await http.get('/api/v1/admin/banks', { token: admin })).body)
    .map((b) => String(b.code))
    .filter((c) => c !== 'CCB');
  const deliveries = itemsOf(
    (await http.get('/api/v1/admin/deliveries', { token: admin })).body,
  ).map((d) => String(d.id));

  const ids = [...enterprises, ...matchRuns, ...referrals, ...deliveries, String(otherKey.body.id)];
  return {
    credentials: { sme, otherSme, admin, bankKey: key.body.apiKey },
    pathValues: {
      id: ids,
      code: [...products, ...banks],
      version: ['1', '2', '3'],
    },
    hints: {
      enterpriseId: enterprises,
      productCode: products,
      bankCode: ['CCB', ...banks],
      code: [`FUZZ_${tag.toUpperCase()}`],
    },
  };
}
