import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * The pages take their API types from the app's own /docs-json (docs/web.md): this test generates
 * them again and fails when the committed web/src/api/schema.d.ts is not what the document says.
 * `UPDATE_API_TYPES=1 npx jest test/e2e/web-api-types` writes the file instead.
 */
const TARGET = join(__dirname, '../../web/src/api/schema.d.ts');
const CLI = join(__dirname, '../../node_modules/openapi-typescript/bin/cli.js');
const HEADER =
  '// Generated from GET /docs-json by test/e2e/web-api-types.e2e-spec.ts; do not edit.\n' +
  '// Regenerate: UPDATE_API_TYPES=1 npx jest test/e2e/web-api-types\n\n';

describe('web API types (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('should match the OpenAPI document the app serves', async () => {
    const doc = (await t.http.get('/docs-json')).body;
    let generated: string;
    // The CLI, not the library: its ESM-only dependencies do not load inside Jest.
    const dir = mkdtempSync(join(tmpdir(), 'sfm-api-types-'));
    try {
      writeFileSync(join(dir, 'docs.json'), JSON.stringify(doc));
      execFileSync(
        process.execPath,
        [CLI, join(dir, 'docs.json'), '-o', join(dir, 'schema.d.ts')],
        {
          stdio: 'pipe',
        },
      );
      generated = HEADER + readFileSync(join(dir, 'schema.d.ts'), 'utf8');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    if (process.env.UPDATE_API_TYPES === '1') writeFileSync(TARGET, generated);
    const committed = readFileSync(TARGET, 'utf8');
    // Not toEqual on the whole text: a 5,000-line diff in a failure message helps nobody.
    if (committed !== generated) {
      throw new Error(
        'web/src/api/schema.d.ts is not what /docs-json says: run `npm run build && ' +
          'UPDATE_API_TYPES=1 npx jest test/e2e/web-api-types`, then `npm run typecheck` (the pages ' +
          'must still compile against the new contract) and commit the file',
      );
    }
  });
});
