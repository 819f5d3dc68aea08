import { validateProfileSemantics } from '../modules/enterprises/domain/profile';
import { checkUscc } from '../modules/enterprises/domain/uscc';
import { demoEnterprise, demoUscc, mulberry32, stableUuid } from './demo-population';

const TODAY = '2026-12-02';

describe('demo population', () => {
  const population = Array.from({ length: 3000 }, (_, i) => demoEnterprise(7, i, TODAY));

  it('should write profiles the service accepts (credit codes, regions, industries, dates)', () => {
    const refused = population.filter((e) => validateProfileSemantics(e.profile, TODAY).length > 0);
    expect(refused).toEqual([]);
  });

  it('should give each enterprise its own id, owner and credit code', () => {
    const codes = population.map((e) => e.profile.uscc).filter(Boolean);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(population.map((e) => e.id)).size).toBe(population.length);
    expect(new Set(population.map((e) => e.ownerId)).size).toBe(population.length);
  });

  it('should be reproducible and independent of the population size', () => {
    expect(demoEnterprise(7, 1234, TODAY)).toEqual(population[1234]);
    expect(demoEnterprise(8, 1234, TODAY)).not.toEqual(population[1234]);
  });

  it('should mix entity types and credit problems in plausible proportions', () => {
    const share = (pred: (e: (typeof population)[number]) => boolean) =>
      population.filter(pred).length / population.length;
    expect(share((e) => e.profile.entityType === 'enterprise')).toBeGreaterThan(0.55);
    expect(share((e) => e.profile.entityType === 'individual')).toBeLessThan(0.08);
    expect(share((e) => e.profile.credit?.overdueLoans === true)).toBeLessThan(0.1);
    expect(share((e) => e.profile.credit === undefined)).toBeGreaterThan(0.05);
    expect(share((e) => (e.profile.certifications ?? []).includes('tech_sme'))).toBeGreaterThan(
      0.02,
    );
  });

  it.each([
    ['enterprise', '91'],
    ['individual_business', '92'],
    ['family_farm', '92'],
    ['farmer_cooperative', '93'],
  ] as const)('should give a %s a credit code starting %s', (type, prefix) => {
    const code = demoUscc(type, '360111', 42, 1);
    expect(code.slice(0, 8)).toBe(`${prefix}360111`);
    expect(checkUscc(code)).toEqual({ valid: true });
  });

  it('should draw the same numbers from the same seed', () => {
    const a = mulberry32(99);
    const b = mulberry32(99);
    const draws = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(draws);
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('should make v4-shaped uuids that depend only on their parts', () => {
    expect(stableUuid('a', 1)).toBe(stableUuid('a', 1));
    expect(stableUuid('a', 1)).not.toBe(stableUuid('a', 2));
    expect(stableUuid('a', 1)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
