import { contractFor } from '../support/contract';
import { createTestApp, TestApp } from '../support/test-app';
import { formatReport, fuzzOperations } from './fuzz';
import { buildWorld } from './world';

/**
 * Drives every operation of /docs-json with generated valid and invalid requests as every role
 * (README, Fuzzing). `npm test` runs a sample; `npm run fuzz` runs FUZZ_RUNS=1000 per operation.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 50);
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS ?? 240_000);

describe('fuzzing every operation of the OpenAPI document (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it(
    `should answer ${RUNS} generated requests per operation without a 5xx or a breach of the document`,
    async () => {
      const world = await buildWorld(t.http);
      const contract = await contractFor(t.url);
      const report = await fuzzOperations({
        baseUrl: t.url,
        document: contract.document,
        world,
        runsPerOperation: RUNS,
        seed: SEED,
        deadline: Date.now() + BUDGET_MS,
      });
      process.stdout.write(`\n${formatReport(report)}\n`);
      const failures = report.failures
        .slice(0, 40)
        .map((f) => `${f.request}\n    ${f.problems.join('\n    ')}`);
      expect(failures).toEqual([]);
      expect(report.operations.length).toBe(
        Object.values(contract.document.paths).flatMap(Object.keys).length,
      );
      if (!report.timedOut)
        for (const o of report.operations)
          expect({ [o.operation]: o.requests }).toEqual({ [o.operation]: RUNS });
    },
    BUDGET_MS + 120_000,
  );
});
