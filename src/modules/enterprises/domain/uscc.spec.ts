import fc from 'fast-check';
import { checkUscc, USCC_CHARSET, usccCheckChar } from './uscc';

// Codes that pass the checksum per docs/domain/credit-code.md (verified there independently).
const VALID_CODES = [
  '91512081MA62K0260E',
  '91350200776049653A',
  '91440101MA5CJQ4N59',
  '913502000728319549',
  '91110107082833558H',
  '914403006188329255',
  '91420103594531449D',
  '123502001549897397',
];

const DIGITS = '0123456789';
const charFrom = (alphabet: string) =>
  fc.integer({ min: 0, max: alphabet.length - 1 }).map((i) => alphabet[i]);
const stringFrom = (alphabet: string, length: number) =>
  fc.array(charFrom(alphabet), { minLength: length, maxLength: length }).map((cs) => cs.join(''));

/** A well-formed code: 2 charset chars, 6 digits, 9 charset chars, then its check char. */
const validCode = fc
  .tuple(stringFrom(USCC_CHARSET, 2), stringFrom(DIGITS, 6), stringFrom(USCC_CHARSET, 9))
  .map(([a, b, c]) => a + b + c)
  .map((first17) => first17 + usccCheckChar(first17));

describe('checkUscc', () => {
  it.each(VALID_CODES)('should accept %s when its check digit is right', (code) => {
    expect(checkUscc(code)).toEqual({ valid: true });
  });

  it('should accept the placeholder 91360100MA35FXXX4W when checking only GB 32100', () => {
    expect(checkUscc('91360100MA35FXXX4W')).toEqual({ valid: true });
  });

  it('should compute E for the worked example 91512081MA62K0260 when S = 1495', () => {
    expect(usccCheckChar('91512081MA62K0260')).toBe('E');
  });

  it('should reject 91350203M0001QAY9B when its check digit is wrong (expected 9)', () => {
    expect(checkUscc('91350203M0001QAY9B')).toEqual({ valid: false, reason: 'check_digit' });
    expect(usccCheckChar('91350203M0001QAY9')).toBe('9');
  });

  it.each([
    ['empty', ''],
    ['17 chars', '91512081MA62K0260'],
    ['19 chars', '91512081MA62K0260EE'],
    ['36 chars', '91512081MA62K0260E91512081MA62K0260E'],
  ])('should report length when the code is %s', (_label, code) => {
    expect(checkUscc(code)).toEqual({ valid: false, reason: 'length' });
  });

  it.each(['I', 'O', 'Z', 'S', 'V'])(
    'should report charset when the forbidden letter %s appears',
    (letter) => {
      // Position 10 (index 9) is inside the 主体标识码, where letters are otherwise allowed.
      const code = '91512081M' + letter + '62K0260E';
      expect(checkUscc(code)).toEqual({ valid: false, reason: 'charset' });
    },
  );

  it.each([
    ['lower-case letters', '91512081ma62k0260e'],
    ['a lower-case check char', '91512081MA62K0260e'],
    ['a letter in the region code (pos 3–8)', '91A12081MA62K0260E'],
    ['a space', '91512081MA62K026 E'],
    ['a full-width digit', '９1512081MA62K0260E'],
    ['a hyphen', '91512081-A62K0260E'],
  ])('should report charset when the code has %s', (_label, code) => {
    expect(checkUscc(code)).toEqual({ valid: false, reason: 'charset' });
  });

  it.each([
    ['a number', 123],
    ['an array of 18 characters', [...'91512081MA62K0260E']],
  ])('should report length when given %s at runtime', (_what, code) => {
    expect(checkUscc(code as unknown as string)).toEqual({ valid: false, reason: 'length' });
  });

  it('should accept every code when its check char comes from usccCheckChar', () => {
    fc.assert(fc.property(validCode, (code) => checkUscc(code).valid));
  });

  it('should report check_digit when any single character is changed to another valid one', () => {
    const mutated = validCode.chain((code) =>
      fc.integer({ min: 0, max: 17 }).chain((pos) => {
        // Keep the format valid so that only the checksum can catch the change.
        const alphabet = pos >= 2 && pos <= 7 ? DIGITS : USCC_CHARSET;
        return charFrom(alphabet)
          .filter((c) => c !== code[pos])
          .map((c) => code.slice(0, pos) + c + code.slice(pos + 1));
      }),
    );
    fc.assert(
      fc.property(mutated, (code) => {
        expect(checkUscc(code)).toEqual({ valid: false, reason: 'check_digit' });
      }),
    );
  });

  it('should report check_digit when two different adjacent characters are swapped', () => {
    const swapped = validCode.chain((code) =>
      fc
        .integer({ min: 8, max: 15 }) // within 主体标识码, before the check char
        .filter((pos) => code[pos] !== code[pos + 1])
        .map((pos) => code.slice(0, pos) + code[pos + 1] + code[pos] + code.slice(pos + 2)),
    );
    fc.assert(
      fc.property(swapped, (code) => {
        expect(checkUscc(code)).toEqual({ valid: false, reason: 'check_digit' });
      }),
    );
  });
});

describe('usccCheckChar', () => {
  it.each([
    ['16 chars', '91512081MA62K026'],
    ['18 chars', '91512081MA62K0260E'],
    ['a forbidden letter', '91512081MI62K0260'],
    ['lower case', '91512081ma62k0260'],
  ])('should throw when the input has %s', (_label, input) => {
    expect(() => usccCheckChar(input)).toThrow(
      new RangeError('usccCheckChar expects 17 characters of the USCC charset'),
    );
  });

  it("should map a sum divisible by 31 to '0' when the remainder is 0", () => {
    // All zeros: S = 0 → (31 − 0) mod 31 = 0 → '0'.
    expect(usccCheckChar('00000000000000000')).toBe('0');
  });

  it('should use weight 3^i mod 31 when a single position carries value 1', () => {
    // Only position 17 (index 16) is 1: S = 28, check = 31 − 28 = 3.
    expect(usccCheckChar('00000000000000001')).toBe('3');
    // Only position 1 is 1: S = 1, check = 30 → 'Y'.
    expect(usccCheckChar('10000000000000000')).toBe('Y');
  });
});
