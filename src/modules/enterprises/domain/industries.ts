/**
 * GB/T 4754-2017 industry codes (国民经济行业分类): 20 sections (门类 A–T) and 97 divisions (大类),
 * from data/industries.json.
 */
import industriesData from './data/industries.json';

/** The section letter and 2-digit division of an industry code (`C3982` → C, 39). */
export interface IndustryCode {
  section: string;
  division: string;
}

// Section letter, then the division (2 digits), optionally its group (3rd) and class (4th) digit.
const INDUSTRY_CODE = /^([A-T])(\d{2})\d{0,2}$/;

const SECTION_OF_DIVISION: ReadonlyMap<string, string> = new Map(
  industriesData.sections.flatMap((s) => s.divisions.map((d) => [d.code, s.code] as const)),
);
const DIVISION_NAMES: ReadonlyMap<string, string> = new Map(
  industriesData.sections.flatMap((s) => s.divisions.map((d) => [d.code, d.name] as const)),
);
const SECTION_NAMES: ReadonlyMap<string, string> = new Map(
  industriesData.sections.map((s) => [s.code, s.name] as const),
);

/**
 * Splits a GB/T 4754-2017 code into section and division. Null unless the code is a section letter
 * plus 2 to 4 digits whose division is known and belongs to that section (C39 yes, A39 no).
 * The group and class digits are not checked: only sections and divisions are in the data.
 */
export function parseIndustryCode(code: string): IndustryCode | null {
  if (typeof code !== 'string') return null;
  const match = INDUSTRY_CODE.exec(code);
  if (!match) return null;
  const [, section, division] = match;
  return SECTION_OF_DIVISION.get(division) === section ? { section, division } : null;
}

/** The Chinese name of a section letter (C → 制造业), or undefined. */
export function industrySectionName(section: string): string | undefined {
  return SECTION_NAMES.get(section);
}

/** The Chinese name of a 2-digit division (39 → 计算机、通信和其他电子设备制造业), or undefined. */
export function industryDivisionName(division: string): string | undefined {
  return DIVISION_NAMES.get(division);
}
