/**
 * Reading only the facts some rules use (docs/impact.md, "Reading only what the rules read"). A
 * pass over every enterprise needs a handful of facts per profile, not the profile: PostgreSQL
 * picks them out of the jsonb (`profile #> '{credit,dishonestDebtor}'`, `derived -> 'sizeClass'`)
 * into one small JSON array per row, and that array is copied straight into a fact vector. Rows
 * whose stored derived facts are from another derivation version come whole and are derived again.
 */
import {
  DERIVED_FACTS_VERSION,
  deriveFacts,
  toFacts,
  yearsInOperationAsOf,
} from '../enterprises/domain/derived-facts';
import type { EnterpriseProfile } from '../enterprises/domain/profile';
import { FACT_NAMES, FACTS, ResolvedFacts, resolveFacts, type FactName } from '../matching/engine';

/** One row as a projection's select list returns it (the columns `facts`, `est` and `profile`). */
export interface ProjectedRow {
  /** JSON array of the projected facts, in the projection's order. */
  facts: string;
  /** `establishedOn` ('' when absent) when the stored derived facts are of another day, else null. */
  est: string | null;
  /** The whole profile as JSON when the stored derived facts are of another derivation version. */
  profile: string | null;
}

const SAFE_PATH = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The facts a set of rules reads, as SQL over `enterprise_version v` and back into a vector.
 * `asOf` is the day the stored derived facts must be of to be taken as they are.
 */
export class FactProjection {
  /** The projected facts, in select-list order. */
  readonly facts: readonly FactName[];
  private readonly slots: number[];
  private readonly yearsAt: number;
  /** One vector reused for every row: evaluation is synchronous and finishes before the next. */
  private readonly values: unknown[];
  private readonly resolved: ResolvedFacts;

  constructor(
    facts: Iterable<FactName>,
    readonly asOf: string,
  ) {
    if (!ISO_DAY.test(asOf)) throw new RangeError(`asOf ${asOf} is not a YYYY-MM-DD date`);
    this.facts = [...new Set(facts)].sort();
    for (const f of this.facts) {
      if (!(f in FACTS) || !SAFE_PATH.test(f)) throw new RangeError(`unknown fact ${f}`);
    }
    this.slots = this.facts.map((f) => FACT_NAMES.indexOf(f));
    this.yearsAt = this.facts.indexOf('yearsInOperation');
    this.values = new Array<unknown>(FACT_NAMES.length).fill(undefined);
    this.resolved = new ResolvedFacts(this.values);
  }

  /**
   * The select list (`facts`, `est`, `profile`) over the alias `v` of `enterprise_version`. Fact
   * names are checked against the catalogue of facts and `asOf` against its shape, so both are
   * written into the SQL as literals (a cursor's query takes no parameters).
   */
  selectList(): string {
    const current = `v.derived_version = ${DERIVED_FACTS_VERSION}`;
    const exprs = this.facts.map((f) =>
      FACTS[f].source === 'derived' ? `v.derived -> '${f}'` : `v.profile #> '{${f.split('.')}}'`,
    );
    const facts = exprs.length ? `jsonb_build_array(${exprs.join(', ')})::text` : `'[]'`;
    const est =
      this.yearsAt >= 0
        ? `CASE WHEN ${current} AND v.derived_as_of <> DATE '${this.asOf}'
                THEN coalesce(v.profile ->> 'establishedOn', '') END`
        : 'NULL::text';
    return `${facts} AS facts, ${est} AS est,
            CASE WHEN NOT (${current}) THEN v.profile::text END AS profile`;
  }

  /**
   * The fact vector of one row. The vector is shared: use it before resolving the next row. Null
   * and absent are the same to a rule (both are "not provided").
   */
  resolve(row: ProjectedRow): ResolvedFacts {
    if (row.profile !== null) {
      const profile = JSON.parse(row.profile) as EnterpriseProfile;
      return resolveFacts(toFacts(profile, deriveFacts(profile, this.asOf)));
    }
    const parsed = JSON.parse(row.facts) as unknown[];
    const { values, slots } = this;
    for (let i = 0; i < slots.length; i++) values[slots[i]] = parsed[i];
    if (row.est !== null) values[slots[this.yearsAt]] = yearsInOperationAsOf(row.est, this.asOf);
    return this.resolved;
  }
}
