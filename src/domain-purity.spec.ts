import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The domain folders are pure (STYLE.md principle 2): no framework, persistence, queue,
 * environment, clock or ambient randomness; callers pass time and random sources in. ESLint says
 * the same at lint time; this keeps it true for anyone who only runs the tests.
 */
const DOMAIN_FOLDERS = [
  'modules/matching/engine',
  'modules/enterprises/domain',
  'modules/referrals/domain',
  'modules/notifications/domain',
  'modules/calendar/domain',
];

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

const sources = DOMAIN_FOLDERS.flatMap((folder) =>
  readdirSync(join(__dirname, folder))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
    .map((f) => [`${folder}/${f}`, readFileSync(join(__dirname, folder, f), 'utf8')] as const),
);

describe('domain purity', () => {
  it.each(DOMAIN_FOLDERS)('should find sources to scan in %s', (folder) => {
    expect(sources.filter(([f]) => f.startsWith(folder)).length).toBeGreaterThanOrEqual(2);
  });

  it.each(FORBIDDEN)('should contain no %s in any domain source', (_what, pattern) => {
    const offenders = sources.filter(([, text]) => pattern.test(text)).map(([f]) => f);
    expect(offenders).toEqual([]);
  });
});
