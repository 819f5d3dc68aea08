/**
 * Jiangxi's prefecture-level cities and counties (GB/T 2260), from data/regions.json.
 * Only these codes are accepted as an enterprise's `regionCode` (docs/rules.md).
 */
import regionsData from './data/regions.json';

/** A known Jiangxi city (设区市) or county-level division (区、县、县级市). */
export interface Region {
  code: string;
  name: string;
  level: 'city' | 'county';
  /** The prefecture-level city the region belongs to (itself for a city). */
  cityCode: string;
}

const REGIONS: ReadonlyMap<string, Region> = new Map(
  regionsData.cities.flatMap((city): [string, Region][] => [
    [city.code, { code: city.code, name: city.name, level: 'city', cityCode: city.code }],
    ...city.counties.map((county): [string, Region] => [
      county.code,
      { code: county.code, name: county.name, level: 'county', cityCode: city.code },
    ]),
  ]),
);

/** The known region for a code, or undefined. */
export function findRegion(code: string): Region | undefined {
  return REGIONS.get(code);
}

/** Whether `code` is a known Jiangxi city or county code (the province code 360000 is not). */
export function isKnownRegion(code: string): boolean {
  return REGIONS.has(code);
}

/** Whether `code` is a known Jiangxi prefecture-level city code (e.g. 360100 南昌市). */
export function isCityCode(code: string): boolean {
  return REGIONS.get(code)?.level === 'city';
}

/**
 * The prefecture-level city code of a known region: its first 4 digits + `00`
 * (360111 → 360100; a city maps to itself). Null for a code that is not a known Jiangxi region,
 * so that a derived `cityCode` is never made up.
 */
export function cityCodeOf(code: string): string | null {
  return REGIONS.get(code)?.cityCode ?? null;
}

/** The Chinese name of a known region (360111 → 青山湖区), or undefined. */
export function regionName(code: string): string | undefined {
  return REGIONS.get(code)?.name;
}
