/**
 * One problem with one field: what a validator, the rule engine or a domain check found, and what a
 * problem-details answer lists under `errors`. `path` is dotted with `[i]` for array elements
 * (`financingNeed.amountYuan`, `eligibility.all[2].value`); `code` is stable and machine-readable.
 * Plain data with no framework, so the pure domain folders use it too.
 */
export interface Issue<Code extends string = string> {
  path: string;
  code: Code;
  message: string;
}
