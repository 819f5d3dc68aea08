/**
 * The eligibility engine's public API. Pure TypeScript: no framework, no I/O, no clock (callers
 * pass `asOf`). The reference interpreter is for tests and deliberately not exported.
 */
export * from './facts';
export {
  OPERATORS,
  RULE_ISSUE_CODES,
  type AllRule,
  type AnyRule,
  type CompiledRule,
  type Condition,
  type CriterionResult,
  type Evaluation,
  type Facts,
  type NotRule,
  type Operator,
  type Outcome,
  type ProductStatus,
  type Rule,
  type RuleIssueCode,
  type RuleScalar,
  type RuleValue,
  type Text,
} from './rule.types';
export { OPERATOR_FACT_KINDS, isIsoDate, type FactKind } from './operators';
export {
  MAX_RULE_DEPTH,
  RuleValidationError,
  assertValidRule,
  validateRule,
} from './validate-rule';
export { compileRule } from './compile-rule';
export { FACT_NAMES, ResolvedFacts, resolveFacts } from './resolve-facts';
export {
  SCORE_FORMULA_DOC,
  SCORE_WEIGHTS,
  scoreFit,
  type FinancingNeed,
  type ProductTerms,
  type ScoreOptions,
} from './score';
export {
  compareResults,
  isInForce,
  matchAndAsk,
  matchProducts,
  type MatchAnswer,
  type MatchOptions,
  type MatchResult,
  type MatchableProduct,
} from './match';
export { ENGINE_VERSION } from './engine-version';
export {
  MAX_LIMIT_TERM_MONTHS,
  applicableLimit,
  compileLimits,
  validateLimits,
  type ApplicableLimit,
  type CompiledLimit,
  type ProductLimit,
} from './limits';
export {
  FIELD_ORDER,
  defaultFieldsOf,
  interview,
  type FieldsOf,
  type OpenProduct,
  type Question,
} from './questions';
