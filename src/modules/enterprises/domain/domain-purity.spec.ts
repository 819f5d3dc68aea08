import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// This folder is pure (STYLE.md principle 2): no framework, persistence, environment or clock;
// callers pass `asOf`. Imports may only reach this folder and the matching engine's fact table.
const FORBIDDEN: [string, RegExp][] = [
  ['@nestjs imports', /from\s+['"]@nestjs\//],
  ['typeorm imports', /from\s+['"]typeorm['"/]/],
  ['class-validator imports', /from\s+['"]class-(validator|transformer)['"]/],
  ['process.env', /process\s*\.\s*env/],
  ['clock reads (new Date())', /new\s+Date\s*\(\s*\)/],
  ['clock reads (Date.now)', /Date\s*\.\s*now\s*\(/],
  ['Math.random', /Math\s*\.\s*random\s*\(/],
  ['console output', /console\s*\.\s*(log|info|warn|error|debug)\s*\(/],
];
const ALLOWED_IMPORT = /^(\.\/|\.\.\/\.\.\/matching\/engine\/facts$)/;

const sources = readdirSync(__dirname)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
  .map((f) => [f, readFileSync(join(__dirname, f), 'utf8')] as const);

describe('enterprises domain purity', () => {
  it('should find the domain sources when scanning the folder', () => {
    expect(sources.map(([f]) => f)).toEqual(
      expect.arrayContaining(['uscc.ts', 'size-class.ts', 'derived-facts.ts', 'profile.ts']),
    );
  });

  it.each(FORBIDDEN)('should contain no %s when scanning domain sources', (_what, pattern) => {
    const offenders = sources.filter(([, text]) => pattern.test(text)).map(([f]) => f);
    expect(offenders).toEqual([]);
  });

  it('should import only local files and the fact table when scanning imports', () => {
    const imports = sources.flatMap(([f, text]) =>
      [...text.matchAll(/from\s+['"]([^'"]+)['"]/g)].map((m) => `${f}: ${m[1]}`),
    );
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((i) => !ALLOWED_IMPORT.test(i.split(': ')[1]))).toEqual([]);
  });
});
