import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// This folder is pure (STYLE.md principle 2): no framework, persistence, queue, environment,
// clock or ambient randomness; callers pass time and random sources in.
const FORBIDDEN: [string, RegExp][] = [
  ['@nestjs imports', /from\s+['"]@nestjs\//],
  ['typeorm imports', /from\s+['"]typeorm['"/]/],
  ['bullmq imports', /from\s+['"]bullmq['"/]/],
  ['process.env', /process\s*\.\s*env/],
  ['clock reads (new Date())', /new\s+Date\s*\(\s*\)/],
  ['clock reads (Date.now)', /Date\s*\.\s*now\s*\(/],
  ['Math.random', /Math\s*\.\s*random\s*\(/],
  ['console output', /console\s*\.\s*(log|info|warn|error|debug)\s*\(/],
];

const sources = readdirSync(__dirname)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
  .map((f) => [f, readFileSync(join(__dirname, f), 'utf8')] as const);

describe('domain purity', () => {
  it('should find the domain sources when scanning the folder', () => {
    expect(sources.length).toBeGreaterThanOrEqual(2);
  });

  it.each(FORBIDDEN)('should contain no %s when scanning domain sources', (_what, pattern) => {
    const offenders = sources.filter(([, text]) => pattern.test(text)).map(([f]) => f);
    expect(offenders).toEqual([]);
  });
});
