import { exampleProfile } from '../../src/modules/enterprises/domain/profile.fixture';
import { USCC_CHARSET, usccCheckChar } from '../../src/modules/enterprises/domain/uscc';

let counter = 0;

/** A fresh valid credit code (GB 32100 check digit), different on every call. */
export function freshUscc(): string {
  counter += 1;
  const body =
    `91360100MA${(Date.now() % 1e5).toString().padStart(5, '0')}${String(counter % 100).padStart(2, '0')}`.slice(
      0,
      17,
    );
  return body + usccCheckChar(body);
}

/** A tech SME in a Nanchang industrial park: eligible for KEDAITONG (科贷通), with a fresh credit code. */
export function techSmeProfile(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return exampleProfileJson({
    uscc: freshUscc(),
    founder: { categories: ['college_graduate'] },
    financingNeed: {
      amountYuan: 2_000_000,
      termMonths: 12,
      purpose: 'technology',
      collateralAvailable: false,
    },
    ...overrides,
  });
}

/**
 * A valid credit code (GB 32100-2015 check digit) for the n-th enterprise of a test file; `tag`
 * (two letters around the serial) keeps files that share a database from colliding.
 */
export function usccFor(
  n: number,
  kind = '91',
  region = '360111',
  tag: [string, string] = ['E', 'A'],
): string {
  let rest = '';
  let v = n;
  for (let i = 0; i < 7; i++) {
    rest = USCC_CHARSET[v % 31] + rest;
    v = Math.floor(v / 31);
  }
  const first17 = `${kind}${region}${tag[0]}${rest}${tag[1]}`;
  return first17 + usccCheckChar(first17);
}

/** YYYY-MM-DD `years` years before (negative: after) `today`, same month and day. */
export function yearsBefore(today: string, years: number): string {
  const y = Number(today.slice(0, 4)) - years;
  const md = today.slice(5) === '02-29' ? '02-28' : today.slice(5);
  return `${String(y).padStart(4, '0')}-${md}`;
}

/** The docs/rules.md example enterprise (a Nanchang electronics firm in an industrial park), as JSON. */
export function exampleProfileJson(overrides: Record<string, unknown> = {}): Record<string, any> {
  return { ...(JSON.parse(JSON.stringify(exampleProfile())) as Record<string, any>), ...overrides };
}
