/**
 * Maps a missing fact to the profile fields an SME can fill in. A rule may read a derived fact
 * (`sizeClass`), but an enterprise cannot type that in: it can give the indicator that decides it.
 */
import type { FieldsOf } from '../../matching/engine/questions';
import type { DerivedFacts } from './derived-facts';

const DERIVED_INPUTS: Readonly<Record<string, readonly string[]>> = {
  yearsInOperation: ['establishedOn'],
  cityCode: ['regionCode'],
  industrySection: ['industryCode'],
  industryDivision: ['industryCode'],
  targetGroupHireShare: ['hiring.newHiresFromTargetGroups'],
  hasCreditIssues: ['credit'],
};

/**
 * The profile fields behind `missingFacts`, sorted and without duplicates. `sizeClass` maps to the
 * indicators its industry needs that are missing (or the industry code when it is too coarse).
 */
export function profileFieldsFor(missingFacts: readonly string[], derived: DerivedFacts): string[] {
  const out = new Set<string>();
  for (const fact of missingFacts) {
    if (fact === 'sizeClass') {
      const missing = derived.sizeClassBasis.missing;
      for (const m of missing.length ? missing : ['industryCode']) out.add(m);
    } else {
      for (const input of DERIVED_INPUTS[fact] ?? [fact]) out.add(input);
    }
  }
  return [...out].sort();
}

/**
 * How the interview (`questions`) asks for a missing size class: as the size indicators this
 * industry's standard needs and the profile lacks, or the industry code when it is too coarse.
 * Other facts follow the engine's own mapping (matching/engine/questions.ts).
 */
export function questionFieldsOf(derived: DerivedFacts): FieldsOf {
  return (fact) => {
    if (fact !== 'sizeClass') return undefined;
    const missing = derived.sizeClassBasis.missing;
    return missing.length > 0 ? missing : ['industryCode'];
  };
}
