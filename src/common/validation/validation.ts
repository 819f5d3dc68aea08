import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, FieldError } from '../errors/domain-error';

const CODE_BY_CONSTRAINT: Record<string, string> = {
  whitelistValidation: 'unknown_property',
  unknownValue: 'invalid_body',
  isDefined: 'required',
};

/** Flattens class-validator's nested errors into `{path, message, code}` with dotted paths. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
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
 * Problems no DTO can express: JSON nested deeper than MAX_JSON_DEPTH, and U+0000 in a string or
 * key (PostgreSQL text and jsonb cannot store it). Iterative, so any input is safe to inspect.
 */
export function jsonInputProblems(value: unknown, root = ''): FieldError[] {
  const out: FieldError[] = [];
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: value, path: root, depth: 0 }];
  while (stack.length && out.length < 10) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) out.push({ path: path || '(body)', code: 'invalid_character', message: 'strings must not contain U+0000' });
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= MAX_JSON_DEPTH) {
      out.push({ path: path || '(body)', code: 'too_deep', message: `JSON nested deeper than ${MAX_JSON_DEPTH} levels` });
      continue;
    }
    if (Array.isArray(v)) {
      v.forEach((c, i) => stack.push({ v: c, path: `${path}[${i}]`, depth: depth + 1 }));
      continue;
    }
    for (const [k, c] of Object.entries(v)) {
      const p = path ? `${path}.${k}` : k;
      if (k.includes('\u0000')) out.push({ path: p, code: 'invalid_character', message: 'keys must not contain U+0000' });
      stack.push({ v: c, path: p, depth: depth + 1 });
    }
  }
  return out;
}

class SafeValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const problems = jsonInputProblems(value, metadata.data ?? '');
      if (problems.length) throw DomainError.validation(problems, 400);
    }
    return super.transform(value, metadata);
  }
}

/**
 * Rejects unknown properties and mistyped fields with 400 `validation_failed`; also over-deep JSON
 * and NUL characters (see jsonInputProblems), which would otherwise surface as 500s.
 */
export function createValidationPipe(): ValidationPipe {
  return new SafeValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => DomainError.validation(flattenValidationErrors(errors), 400),
  });
}
