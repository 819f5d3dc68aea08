/**
 * Unified social credit code (统一社会信用代码, GB 32100-2015): format and check digit.
 * Spec: docs/domain/credit-code.md.
 */

/** The 31 symbols of the code; a symbol's value is its index. I, O, Z, S and V are never used. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Positions 1–2 and 9–18 use the charset; positions 3–8 are a GB/T 2260 region code (digits). */
// Stryker disable next-line Regex: checkUscc requires 18 characters first and the pattern spans exactly 18, so ^ and $ cannot change an answer
const USCC_FORMAT = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const FIRST17_FORMAT = /^[0-9A-HJ-NPQRTUWXY]{17}$/;

/** Weight of position i (0-based) is 3^i mod 31: [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, …]. */
const WEIGHTS: readonly number[] = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k += 1) w = (w * 3) % 31;
  return w;
});

export type UsccCheckFailure = 'length' | 'charset' | 'check_digit';
export type UsccCheckResult = { valid: true } | { valid: false; reason: UsccCheckFailure };

/**
 * The check character (position 18) for the first 17 characters of a credit code.
 * @throws RangeError when `first17` is not 17 characters of the USCC charset.
 */
export function usccCheckChar(first17: string): string {
  if (!FIRST17_FORMAT.test(first17)) {
    throw new RangeError('usccCheckChar expects 17 characters of the USCC charset');
  }
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += USCC_CHARSET.indexOf(first17[i]) * WEIGHTS[i];
  // (31 − S mod 31) mod 31: a remainder of 0 gives 31, which maps back to '0'.
  return USCC_CHARSET[(31 - (sum % 31)) % 31];
}

/**
 * Checks a credit code: 18 characters, the GB 32100-2015 charset (upper case only, positions 3–8
 * digits) and the check digit. The failure reason is reported, never thrown.
 */
export function checkUscc(code: string): UsccCheckResult {
  if (typeof code !== 'string' || code.length !== 18) return { valid: false, reason: 'length' };
  if (!USCC_FORMAT.test(code)) return { valid: false, reason: 'charset' };
  if (usccCheckChar(code.slice(0, 17)) !== code[17]) {
    return { valid: false, reason: 'check_digit' };
  }
  return { valid: true };
}
