import { DERIVED_FACTS_VERSION, deriveFacts, toFacts } from '../enterprises/domain/derived-facts';
import type { EnterpriseProfile } from '../enterprises/domain/profile';
import { exampleProfile } from '../enterprises/domain/profile.fixture';
import { FACT_NAMES, FACTS, resolveFacts, type FactName } from '../matching/engine';
import { FactProjection, type ProjectedRow } from './fact-projection';

const TODAY = '2026-12-02';

/** What PostgreSQL answers for a row, computed here as `#>` and `->` would (absent: null). */
function rowAsPostgresWouldSend(
  projection: FactProjection,
  profile: EnterpriseProfile,
  stored: { asOf: string; version: number },
): ProjectedRow {
  const derived = deriveFacts(profile, stored.asOf) as unknown as Record<string, unknown>;
  const current = stored.version === DERIVED_FACTS_VERSION;
  const facts = projection.facts.map((f) => {
    let v: unknown = FACTS[f].source === 'derived' ? derived : profile;
    for (const key of FACTS[f].source === 'derived' ? [f] : f.split('.')) {
      v = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as never)[key] : null;
    }
    return v ?? null;
  });
  return {
    facts: JSON.stringify(facts),
    est: current && stored.asOf !== TODAY ? (profile.establishedOn ?? '') : null,
    profile: current ? null : JSON.stringify(profile),
  };
}

/** The vector the full path builds, with absent facts as null (a rule sees both alike). */
function expectedVector(profile: EnterpriseProfile, facts: readonly FactName[]): unknown[] {
  const values = resolveFacts(toFacts(profile, deriveFacts(profile, TODAY))).values;
  return facts.map((f) => values[FACT_NAMES.indexOf(f)] ?? null);
}

const projected = (p: FactProjection, row: ProjectedRow) =>
  p.facts.map((f) => p.resolve(row).values[FACT_NAMES.indexOf(f)] ?? null);

describe('FactProjection', () => {
  const every = new FactProjection(FACT_NAMES, TODAY);
  const profiles: EnterpriseProfile[] = [
    exampleProfile(),
    { ...exampleProfile(), credit: undefined, certifications: undefined },
    { ...exampleProfile(), establishedOn: '2015-12-03', employees: 0 },
  ];

  it.each(profiles.map((p, i) => [i, p] as const))(
    'should give profile %i the facts the full path gives, stored today',
    (_, profile) => {
      const row = rowAsPostgresWouldSend(every, profile, {
        asOf: TODAY,
        version: DERIVED_FACTS_VERSION,
      });
      expect(projected(every, row)).toEqual(expectedVector(profile, every.facts));
    },
  );

  it('should count the years in operation again when the stored facts are of another day', () => {
    const profile = { ...exampleProfile(), establishedOn: '2015-12-02' };
    const row = rowAsPostgresWouldSend(every, profile, {
      asOf: '2026-12-01',
      version: DERIVED_FACTS_VERSION,
    });
    const years = every.facts.indexOf('yearsInOperation');
    expect(JSON.parse(row.facts)[years]).toBe(10); // stored the day before the anniversary
    expect(projected(every, row)[years]).toBe(11);
    expect(projected(every, row)).toEqual(expectedVector(profile, every.facts));
  });

  it('should derive again from the whole profile when stored by another derivation version', () => {
    const profile = exampleProfile();
    const row = rowAsPostgresWouldSend(every, profile, { asOf: '2020-01-01', version: 0 });
    expect(projected(every, row)).toEqual(expectedVector(profile, every.facts));
  });

  it('should select only the facts asked for, each once, sorted', () => {
    const p = new FactProjection(['employees', 'credit.dishonestDebtor', 'employees'], TODAY);
    expect(p.facts).toEqual(['credit.dishonestDebtor', 'employees']);
    const sql = p.selectList();
    expect(sql).toContain(`v.profile #> '{credit,dishonestDebtor}'`);
    expect(sql).toContain(`v.profile #> '{employees}'`);
    expect(sql).not.toContain('establishedOn');
    expect(sql).not.toContain(`'{name}'`);
    expect(new FactProjection(['sizeClass'], TODAY).selectList()).toContain(
      `v.derived -> 'sizeClass'`,
    );
  });

  it('should refuse an unknown fact or a malformed day rather than write them into SQL', () => {
    expect(() => new FactProjection(["name'; DROP TABLE x; --" as FactName], TODAY)).toThrow(
      RangeError,
    );
    expect(() => new FactProjection(['employees'], "2026-12-02' OR '1")).toThrow(RangeError);
  });
});
