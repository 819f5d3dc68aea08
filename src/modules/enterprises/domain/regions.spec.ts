import { cityCodeOf, findRegion, isCityCode, isKnownRegion, regionName } from './regions';

describe('regions', () => {
  it.each([
    ['360100', '南昌市', 'city', '360100'],
    ['360111', '青山湖区', 'county', '360100'],
    ['360113', '红谷滩区', 'county', '360100'],
    ['360281', '乐平市', 'county', '360200'],
    ['360702', '章贡区', 'county', '360700'],
    ['361100', '上饶市', 'city', '361100'],
  ])('should know %s (%s) when it is in regions.json', (code, name, level, city) => {
    expect(isKnownRegion(code)).toBe(true);
    expect(regionName(code)).toBe(name);
    expect(findRegion(code)).toEqual({ code, name, level, cityCode: city });
    expect(cityCodeOf(code)).toBe(city);
    expect(isCityCode(code)).toBe(level === 'city');
  });

  it.each([
    ['360000', 'the province itself'],
    ['360199', 'an unused county number'],
    ['361200', 'a city number that does not exist'],
    ['110101', 'a Beijing county'],
    ['430100', 'a Hunan city'],
    ['36011', 'a 5-digit code'],
    ['3601111', 'a 7-digit code'],
    ['', 'an empty string'],
  ])('should not know %s when it is %s', (code) => {
    expect(isKnownRegion(code)).toBe(false);
    expect(isCityCode(code)).toBe(false);
    expect(cityCodeOf(code)).toBeNull();
    expect(regionName(code)).toBeUndefined();
  });

  it('should hold 11 cities and 100 counties when loaded from regions.json', () => {
    const codes = Array.from({ length: 1200 }, (_, i) => String(360000 + i));
    expect(codes.filter(isCityCode)).toHaveLength(11);
    expect(codes.filter((c) => isKnownRegion(c) && !isCityCode(c))).toHaveLength(100);
  });

  it('should map every county to its first 4 digits + 00 when the county is known', () => {
    const counties = Array.from({ length: 1200 }, (_, i) => String(360000 + i)).filter(
      (c) => isKnownRegion(c) && !isCityCode(c),
    );
    for (const code of counties) {
      expect(cityCodeOf(code)).toBe(code.slice(0, 4) + '00');
      expect(isCityCode(code.slice(0, 4) + '00')).toBe(true);
    }
  });
});
