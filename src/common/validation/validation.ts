import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, Issue } from '../errors/domain-error';

const CODE_BY_CONSTRAINT: Record<string, string> = {
  whitelistValidation: 'unknown_property',
  unknownValue: 'invalid_body',
  isDefined: 'required',
};

/** Flattens class-validator's nested errors into `{path, message, code}` with dotted paths. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): Issue[] {
  const out: Issue[] = [];
  for (const error of errors) {
    const path = parent
      ? /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`
      : error.property;
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      out.push({
        path: path || '(body)',
        message: constraint === 'whitelistValidation' ? `property ${path} is not allowed` : message,
        code: CODE_BY_CONSTRAINT[constraint] ?? constraint,
      });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, path));
  }
  return out;
}

/** Deeper JSON is refused before class-transformer recurses into it (it would overflow the stack). */
export const MAX_JSON_DEPTH = 128;

/**
 * U+0000, or a lone UTF-16 surrogate (JSON's "\\ud800"): PostgreSQL text and jsonb store neither.
 * Two native scans; a regular expression for the same took most of a request's input checks.
 */
const unstorable = (s: string): boolean => !s.isWellFormed() || s.includes('\u0000');

const INHERITED_KEYS = new Set(['constructor', '__proto__', 'prototype']);

/**
 * Problems no DTO can express: JSON nested deeper than MAX_JSON_DEPTH, and characters PostgreSQL
 * cannot store (see unstorable) in a string or key. The walk stops descending at MAX_JSON_DEPTH,
 * so its recursion is bounded whatever the input. It runs on every request with a body or query:
 * a path is spelled out only for a problem, and values are visited in the order the walk of
 * earlier versions used (keys of an object first, then its members from the last), so at most
 * the same ten problems come back in the same order.
 */
export function jsonInputProblems(value: unknown, root = ''): Issue[] {
  const out: Issue[] = [];
  // The path from the root to the value being visited: keys and array indexes.
  const trail: (string | number)[] = [];
  const pathTo = (last?: string): string => {
    let path = root;
    for (const step of trail)
      path = typeof step === 'number' ? `${path}[${step}]` : join(path, step);
    return last === undefined ? path : join(path, last);
  };
  const visit = (v: unknown, depth: number): void => {
    if (out.length >= 10) return;
    if (typeof v === 'string') {
      if (unstorable(v))
        out.push({
          path: pathTo() || '(body)',
          code: 'invalid_character',
          message: 'strings must not contain U+0000 or unpaired surrogates',
        });
      return;
    }
    if (typeof v !== 'object' || v === null) return;
    if (depth >= MAX_JSON_DEPTH) {
      out.push({
        path: pathTo() || '(body)',
        code: 'too_deep',
        message: `JSON nested deeper than ${MAX_JSON_DEPTH} levels`,
      });
      return;
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) {
        trail.push(i);
        visit(v[i], depth + 1);
        trail.pop();
      }
      return;
    }
    const keys = Object.keys(v);
    for (const k of keys) {
      // Names every object inherits: the whitelist sees them as declared, so refuse them here.
      if (INHERITED_KEYS.has(k)) {
        const p = pathTo(k);
        out.push({ path: p, code: 'unknown_property', message: `property ${p} is not allowed` });
      }
      if (unstorable(k))
        out.push({
          path: pathTo(k),
          code: 'invalid_character',
          message: 'keys must not contain U+0000 or unpaired surrogates',
        });
    }
    for (let i = keys.length - 1; i >= 0; i--) {
      trail.push(keys[i]);
      visit((v as Record<string, unknown>)[keys[i]], depth + 1);
      trail.pop();
    }
  };
  visit(value, 0);
  return out;
}

const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);

/** A class the pipe validates (not a primitive or a bare Object). */
function isDto(metatype: unknown): boolean {
  return (
    typeof metatype === 'function' &&
    ![Object, String, Number, Boolean, Array].includes(metatype as ObjectConstructor)
  );
}

/**
 * A query DTO that validates itself exactly as class-validator would (same instance, same issues,
 * in the same order), for routes too hot for class-validator's generic walk; each such DTO has a
 * spec holding the two equal.
 */
interface SelfValidatingQuery {
  fromQuery(query: unknown): unknown;
}

function selfValidating(metatype: unknown): metatype is SelfValidatingQuery {
  return (
    typeof metatype === 'function' &&
    typeof (metatype as Partial<SelfValidatingQuery>).fromQuery === 'function'
  );
}

/**
 * The issues class-validator reports, with this pipe's options, for the keys of `query` that its
 * DTO does not declare: they come first, in the query's key order. Like class-validator, it takes
 * the names every object inherits (`toString`) as declared; the DTO then drops them.
 */
export function unknownQueryKeys(query: object, declared: readonly string[]): Issue[] {
  const out: Issue[] = [];
  for (const key of Object.keys(query)) {
    if (!declared.includes(key) && !(key in Object.prototype)) {
      out.push({ path: key, message: `property ${key} is not allowed`, code: 'unknown_property' });
    }
  }
  return out;
}

class SafeValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const problems = jsonInputProblems(value, metadata.data ?? '');
      if (problems.length) throw DomainError.invalid(problems);
    }
    if (metadata.type === 'query' && !metadata.data && selfValidating(metadata.metatype)) {
      return metadata.metatype.fromQuery(value);
    }
    // A route that reads a body needs one: `null` or nothing is not an empty edit.
    if (metadata.type === 'body' && !metadata.data && value == null && isDto(metadata.metatype)) {
      throw DomainError.invalid([
        { path: '(body)', code: 'required', message: 'send a JSON object as the request body' },
      ]);
    }
    return super.transform(value, metadata);
  }
}

/**
 * Rejects unknown properties and mistyped fields with 400 `validation_failed`; also over-deep JSON
 * and unstorable characters (see jsonInputProblems), which would otherwise surface as 500s.
 */
export function createValidationPipe(): ValidationPipe {
  return new SafeValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => DomainError.invalid(flattenValidationErrors(errors)),
  });
}
