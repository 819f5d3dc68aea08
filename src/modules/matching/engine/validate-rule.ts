/**
 * Validates an eligibility rule tree as written (docs/rules.md): shape, facts, operators, value
 * types, empty groups and duplicate condition ids, each issue named by its JSON path.
 */
import { FACTS, isFactName, type FactType } from './facts';
import { OPERATOR_FACT_KINDS, isIsoDate } from './operators';
import { OPERATORS, type Operator, type Rule, type RuleIssueCode } from './rule.types';
import type { Issue } from '../../../common/errors/issue';

/** Deepest nesting accepted (the root is level 1); deeper nodes are `rule_invalid_shape`. */
export const MAX_RULE_DEPTH = 32;

const GROUP_KEYS = ['all', 'any', 'not', 'fact'] as const;
const CONDITION_KEYS = new Set(['id', 'fact', 'operator', 'value', 'label', 'hint']);
const CONDITION_ONLY_KEYS = ['id', 'operator', 'value', 'hint'] as const;
const OPERATOR_SET: ReadonlySet<string> = new Set(OPERATORS);
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Thrown by `compileRule` when given a rule that does not validate. */
export class RuleValidationError extends Error {
  constructor(readonly issues: Issue<RuleIssueCode>[]) {
    super(
      `invalid rule: ${issues
        .slice(0, 3)
        .map((i) => `${i.path}: ${i.message}`)
        .join('; ')}${issues.length > 3 ? ` (+${issues.length - 3} more)` : ''}`,
    );
    this.name = 'RuleValidationError';
  }
}

/**
 * Checks a rule tree and returns every issue found, in tree order (empty when valid). Never
 * throws, whatever `rule` is.
 * @param basePath JSON path of the rule in the request body, prefixed to every issue's path.
 * @param opts.allowBlankText accept empty label/hint translations (a draft may hold them; the
 *   catalogue refuses them at publish time).
 */
export function validateRule(
  rule: unknown,
  basePath = 'eligibility',
  opts: { allowBlankText?: boolean } = {},
): Issue<RuleIssueCode>[] {
  const ctx: Context = { issues: [], ids: new Map(), allowBlankText: opts.allowBlankText === true };
  try {
    walk(rule, basePath, 1, ctx);
  } catch {
    // Only reachable with exotic objects (throwing getters, proxies), never from JSON.
    ctx.issues.push(issue(basePath, 'rule_invalid_shape', 'rule could not be read'));
  }
  return ctx.issues;
}

/** Asserts a rule is valid, for callers that hold an `unknown` (e.g. parsed seed files). */
export function assertValidRule(rule: unknown, basePath = 'eligibility'): asserts rule is Rule {
  const issues = validateRule(rule, basePath);
  if (issues.length > 0) throw new RuleValidationError(issues);
}

interface Context {
  issues: Issue<RuleIssueCode>[];
  allowBlankText: boolean;
  /** Condition id → path of its first occurrence. */
  ids: Map<string, string>;
}

function issue(path: string, code: RuleIssueCode, message: string): Issue<RuleIssueCode> {
  return { path, code, message };
}

function child(path: string, key: string): string {
  const step = IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
  return path === '' && step.startsWith('.') ? key : path + step;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(obj: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

function walk(node: unknown, path: string, depth: number, ctx: Context): void {
  if (depth > MAX_RULE_DEPTH) {
    ctx.issues.push(
      issue(path, 'rule_invalid_shape', `rule nested deeper than ${MAX_RULE_DEPTH} levels`),
    );
    return;
  }
  if (!isPlainObject(node)) {
    ctx.issues.push(
      issue(path, 'rule_invalid_shape', 'must be an object: all, any, not or a condition'),
    );
    return;
  }
  const present = GROUP_KEYS.filter((k) => Object.hasOwn(node, k));
  if (present.length > 1) {
    ctx.issues.push(
      issue(path, 'rule_invalid_shape', `has several of ${present.join(', ')}; use exactly one`),
    );
    return;
  }
  const kind = present[0] ?? (CONDITION_ONLY_KEYS.some((k) => Object.hasOwn(node, k)) && 'fact');
  if (!kind) {
    ctx.issues.push(
      issue(path, 'rule_invalid_shape', 'must have one of all, any, not or fact (a condition)'),
    );
    return;
  }
  if (kind === 'fact') {
    checkCondition(node, path, ctx);
    return;
  }
  for (const key of Object.keys(node)) {
    if (key !== kind && key !== 'label') {
      ctx.issues.push(issue(child(path, key), 'rule_invalid_shape', `unknown key in ${kind}`));
    }
  }
  const inner = node[kind];
  const innerPath = child(path, kind);
  if (kind === 'not') {
    walk(inner, innerPath, depth + 1, ctx);
  } else if (!Array.isArray(inner)) {
    ctx.issues.push(issue(innerPath, 'rule_invalid_shape', `${kind} must be an array of rules`));
  } else if (inner.length === 0) {
    ctx.issues.push(issue(innerPath, 'rule_empty_group', `${kind} must not be empty`));
  } else {
    for (let i = 0; i < inner.length; i++) {
      walk(inner[i], `${innerPath}[${i}]`, depth + 1, ctx);
    }
  }
  if (Object.hasOwn(node, 'label')) checkText(node.label, child(path, 'label'), ctx);
}

function checkText(value: unknown, path: string, ctx: Context): void {
  const ok =
    isPlainObject(value) &&
    Object.keys(value).every((k) => k === 'zh' || k === 'en') &&
    typeof own(value, 'zh') === 'string' &&
    typeof own(value, 'en') === 'string' &&
    (ctx.allowBlankText ||
      ((value.zh as string).trim() !== '' && (value.en as string).trim() !== ''));
  if (!ok) {
    ctx.issues.push(
      issue(path, 'rule_invalid_shape', 'must be { zh, en } with non-empty strings only'),
    );
  }
}

function checkCondition(node: Record<string, unknown>, path: string, ctx: Context): void {
  for (const key of Object.keys(node)) {
    if (!CONDITION_KEYS.has(key)) {
      ctx.issues.push(issue(child(path, key), 'rule_invalid_shape', 'unknown key in condition'));
    }
  }

  const idPath = child(path, 'id');
  const id = own(node, 'id');
  if (typeof id !== 'string' || id.trim() === '') {
    ctx.issues.push(issue(idPath, 'rule_invalid_shape', 'id must be a non-empty string'));
  } else {
    const first = ctx.ids.get(id);
    if (first === undefined) {
      ctx.ids.set(id, idPath);
    } else {
      ctx.issues.push(
        issue(idPath, 'rule_duplicate_id', `condition id "${id}" is already used at ${first}`),
      );
    }
  }

  const factPath = child(path, 'fact');
  const fact = own(node, 'fact');
  let factType: FactType | undefined;
  if (typeof fact !== 'string') {
    const message = Object.hasOwn(node, 'fact') ? 'fact must be a string' : 'fact is required';
    ctx.issues.push(issue(factPath, 'rule_invalid_shape', message));
  } else if (!isFactName(fact)) {
    ctx.issues.push(issue(factPath, 'rule_unknown_fact', `unknown fact ${show(fact)}`));
  } else {
    factType = FACTS[fact].type;
  }

  const operatorPath = child(path, 'operator');
  const operator = own(node, 'operator');
  let op: Operator | undefined;
  if (!Object.hasOwn(node, 'operator')) {
    ctx.issues.push(issue(operatorPath, 'rule_invalid_shape', 'operator is required'));
  } else if (typeof operator !== 'string' || !OPERATOR_SET.has(operator)) {
    ctx.issues.push(
      issue(
        operatorPath,
        'rule_unknown_operator',
        `unknown operator ${show(operator)}; expected one of ${OPERATORS.join(', ')}`,
      ),
    );
  } else {
    op = operator as Operator;
  }

  const valuePath = child(path, 'value');
  if (!Object.hasOwn(node, 'value')) {
    ctx.issues.push(issue(valuePath, 'rule_invalid_shape', 'value is required'));
  } else if (factType && op) {
    if (!OPERATOR_FACT_KINDS[op].includes(factType.kind)) {
      // The operator is what has to change, so the issue points at it.
      ctx.issues.push(
        issue(
          operatorPath,
          'rule_invalid_value',
          `operator ${op} does not apply to ${factType.kind} fact ${String(fact)}; it applies to ${OPERATOR_FACT_KINDS[op].join(', ')}`,
        ),
      );
    } else {
      checkValue(factType, op, node.value, valuePath, ctx);
    }
  }

  const labelPath = child(path, 'label');
  if (!Object.hasOwn(node, 'label')) {
    ctx.issues.push(issue(labelPath, 'rule_invalid_shape', 'label is required'));
  } else {
    checkText(node.label, labelPath, ctx);
  }
  if (Object.hasOwn(node, 'hint')) checkText(node.hint, child(path, 'hint'), ctx);
}

function checkValue(
  type: FactType,
  op: Operator,
  value: unknown,
  path: string,
  ctx: Context,
): void {
  if (op === 'in' || op === 'notIn') {
    if (!Array.isArray(value) || value.length === 0) {
      ctx.issues.push(
        issue(path, 'rule_invalid_value', `${op} needs a non-empty array of ${describe(type)}`),
      );
      return;
    }
    for (let i = 0; i < value.length; i++) {
      const problem = scalarProblem(type, value[i]);
      if (problem) ctx.issues.push(issue(`${path}[${i}]`, 'rule_invalid_value', problem));
    }
    return;
  }
  if (type.kind === 'enumArray') {
    // contains / doesNotContain: one member of the array fact's enumeration.
    const problem = scalarProblem({ kind: 'enum', values: type.values }, value);
    if (problem) ctx.issues.push(issue(path, 'rule_invalid_value', problem));
    return;
  }
  const problem = scalarProblem(type, value);
  if (problem) ctx.issues.push(issue(path, 'rule_invalid_value', problem));
}

function describe(type: FactType): string {
  switch (type.kind) {
    case 'integer':
      return 'safe integers';
    case 'number':
      return 'finite numbers';
    case 'string':
      return type.pattern ? `strings matching ${type.pattern.source}` : 'strings';
    case 'date':
      return 'YYYY-MM-DD dates';
    case 'boolean':
      return 'booleans';
    case 'enum':
    case 'enumArray':
      return `values of ${type.values.join(', ')}`;
  }
}

/** Why `value` is not a valid scalar for a fact of `type`, or undefined when it is. */
function scalarProblem(type: FactType, value: unknown): string | undefined {
  const shown = show(value);
  switch (type.kind) {
    case 'integer':
      return Number.isSafeInteger(value) ? undefined : `${shown} is not a safe integer`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? undefined
        : `${shown} is not a finite number`;
    case 'string':
      if (typeof value !== 'string') return `${shown} is not a string`;
      return type.pattern && !type.pattern.test(value)
        ? `${shown} does not match ${type.pattern.source}`
        : undefined;
    case 'date':
      return isIsoDate(value) ? undefined : `${shown} is not a YYYY-MM-DD date`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `${shown} is not a boolean`;
    case 'enum':
    case 'enumArray':
      return typeof value === 'string' && type.values.includes(value)
        ? undefined
        : `${shown} is not one of ${type.values.join(', ')}`;
  }
}

/** A short, never-throwing rendering of any value for messages. */
function show(value: unknown): string {
  let text: string | undefined;
  try {
    text = typeof value === 'bigint' ? `${value}n` : JSON.stringify(value);
  } catch {
    text = undefined;
  }
  if (text === undefined) text = typeof value === 'object' ? 'an object' : typeof value;
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
