import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The engine is pure (STYLE.md principle 2): no framework, persistence, queue, environment or clock.
const FORBIDDEN: [string, RegExp][] = [
  ['@nestjs imports', /from\s+['"]@nestjs\//],
  ['typeorm imports', /from\s+['"]typeorm['"/]/],
  ['bullmq imports', /from\s+['"]bullmq['"/]/],
  ['process.env', /process\s*\.\s*env/],
  ['clock reads (new Date())', /new\s+Date\s*\(\s*\)/],
  ['clock reads (Date.now)', /Date\s*\.\s*now\s*\(/],
  ['console output', /console\s*\.\s*(log|info|warn|error|debug)\s*\(/],
];

const sources = readdirSync(__dirname)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
  .map((f) => [f, readFileSync(join(__dirname, f), 'utf8')] as const);

describe('engine purity', () => {
  it('should find the engine sources when scanning the folder', () => {
    expect(sources.map(([f]) => f)).toEqual(
      expect.arrayContaining(['compile-rule.ts', 'index.ts']),
    );
  });

  it.each(FORBIDDEN)('should contain no %s when scanning engine sources', (_what, pattern) => {
    const offenders = sources.filter(([, text]) => pattern.test(text)).map(([f]) => f);
    expect(offenders).toEqual([]);
  });

  it('should not export the reference interpreter when importing the public API', () => {
    const index = sources.find(([f]) => f === 'index.ts')?.[1] ?? '';
    expect(index).not.toMatch(/reference-interpreter/);
  });
});
