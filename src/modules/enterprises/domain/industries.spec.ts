import { industryDivisionName, industrySectionName, parseIndustryCode } from './industries';

describe('parseIndustryCode', () => {
  it.each([
    ['C3982', 'C', '39'],
    ['C39', 'C', '39'],
    ['C391', 'C', '39'],
    ['A01', 'A', '01'],
    ['A0511', 'A', '05'],
    ['B06', 'B', '06'],
    ['G53', 'G', '53'],
    ['K7010', 'K', '70'],
    ['L72', 'L', '72'],
    ['T97', 'T', '97'],
  ])('should split %s into %s / %s when the division belongs to the section', (code, s, d) => {
    expect(parseIndustryCode(code)).toEqual({ section: s, division: d });
  });

  it.each([
    ['A39', 'division 39 belongs to C'],
    ['C01', 'division 01 belongs to A'],
    ['K71', 'division 71 belongs to L'],
    ['C99', 'division 99 does not exist'],
    ['C00', 'division 00 does not exist'],
    ['U01', 'there is no section U'],
    ['c3982', 'the section is lower case'],
    ['C3', 'only one digit follows'],
    ['C39821', 'five digits follow'],
    ['3982', 'the section letter is missing'],
    ['CC39', 'two letters lead'],
    ['C 39', 'it holds a space'],
    ['', 'it is empty'],
  ])('should return null for %s when %s', (code) => {
    expect(parseIndustryCode(code)).toBeNull();
  });

  it.each([
    ['a number', 3982],
    ['an array that prints as C39', ['C39']],
  ])('should return null when given %s at runtime', (_what, code) => {
    expect(parseIndustryCode(code as unknown as string)).toBeNull();
  });
});

describe('industry names', () => {
  it.each([
    ['C', '制造业'],
    ['K', '房地产业'],
  ])('should name section %s %s when it is known', (code, name) => {
    expect(industrySectionName(code)).toBe(name);
  });

  it('should name division 39 when it is known', () => {
    expect(industryDivisionName('39')).toBe('计算机、通信和其他电子设备制造业');
    expect(industryDivisionName('99')).toBeUndefined();
    expect(industrySectionName('U')).toBeUndefined();
  });
});
