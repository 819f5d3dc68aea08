import type { Issue } from './issue';

/** What this module reads of one Ajv error (Fastify's route-schema validation). */
export interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

const AJV_CODES: Record<string, string> = {
  additionalProperties: 'unknown_property',
  required: 'required',
  type: 'type',
  enum: 'enum',
  pattern: 'pattern',
  format: 'format',
  minimum: 'min',
  maximum: 'max',
  exclusiveMinimum: 'min',
  exclusiveMaximum: 'max',
  minLength: 'minLength',
  maxLength: 'maxLength',
  uniqueItems: 'unique',
  maxItems: 'maxItems',
  minItems: 'minItems',
};

const TYPE_NAMES: Record<string, string> = {
  integer: 'a whole number',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  null: 'null',
};

/**
 * The formats the schemas' patterns stand for, in words. A pattern not listed here is quoted as
 * it is (the OpenAPI document shows the same pattern on the field).
 */
const PATTERN_WORDS: Record<string, string> = {
  '^[0-9A-Z]{18}$': '18 digits or capital letters',
  '^\\d{6}$': 'six digits',
  '^[A-Z]\\d{2,4}$': 'a capital letter followed by 2 to 4 digits',
  '^\\d{4}-\\d{2}-\\d{2}$': 'a date written YYYY-MM-DD',
  '^[A-Z][A-Z0-9_]{1,63}$': 'a code of capital letters, digits and _ that starts with a letter',
};
/** The profile's name pattern: not blank, and well-formed Unicode (PostgreSQL's constraint). */
const NOT_BLANK_PATTERN = '^(?=.*\\S)[^\\uD800-\\uDFFF]*$';

/** At most this many allowed values are listed in an enum message. */
const MAX_LISTED_VALUES = 12;

function typeWords(type: unknown): string {
  const types = (Array.isArray(type) ? type : [type]).map((t) => TYPE_NAMES[String(t)] ?? t);
  return types.join(' or ');
}

function valuesWords(values: unknown): string {
  const list = Array.isArray(values) ? values.map((v) => JSON.stringify(v)) : [];
  if (list.length <= MAX_LISTED_VALUES) return list.join(', ');
  return `${list.slice(0, MAX_LISTED_VALUES).join(', ')}, … (${list.length} values)`;
}

function plural(n: unknown, word: string): string {
  return `${String(n)} ${word}${n === 1 ? '' : 's'}`;
}

/** A sentence a person can act on, for one Ajv error at `where`. */
function messageFor(e: AjvError, where: string): string {
  const p = e.params;
  switch (e.keyword) {
    case 'required':
      return `${where} is required`;
    case 'additionalProperties':
      return `property ${where} is not allowed`;
    case 'type':
      return where === '(body)'
        ? `the body must be ${typeWords(p.type)}`
        : `${where} must be ${typeWords(p.type)}`;
    case 'enum':
      return `${where} must be one of ${valuesWords(p.allowedValues)}`;
    case 'minimum':
      return `${where} must be at least ${String(p.limit)}`;
    case 'exclusiveMinimum':
      return `${where} must be greater than ${String(p.limit)}`;
    case 'maximum':
      return `${where} must be at most ${String(p.limit)}`;
    case 'exclusiveMaximum':
      return `${where} must be less than ${String(p.limit)}`;
    case 'minLength':
      return p.limit === 1
        ? `${where} must not be empty`
        : `${where} must be at least ${plural(p.limit, 'character')} long`;
    case 'maxLength':
      return `${where} must be at most ${plural(p.limit, 'character')} long`;
    case 'pattern': {
      const pattern = String(p.pattern);
      if (pattern === NOT_BLANK_PATTERN)
        return `${where} must not be blank or contain unpaired surrogates`;
      const words = PATTERN_WORDS[pattern];
      return words ? `${where} must be ${words}` : `${where} must match the pattern ${pattern}`;
    }
    case 'format':
      return p.format === 'date'
        ? `${where} must be a real calendar date written YYYY-MM-DD`
        : `${where} must be a valid ${String(p.format)}`;
    case 'uniqueItems':
      return `${where} must not list the same value twice`;
    case 'maxItems':
      return `${where} must list at most ${plural(p.limit, 'item')}`;
    case 'minItems':
      return `${where} must list at least ${plural(p.limit, 'item')}`;
    default:
      return `${where} ${e.message ?? 'is invalid'}`;
  }
}

/**
 * A route-schema (Ajv) error as a field error with a dotted path, like class-validator's, and a
 * message written for the person reading it ("entityType is required", not Ajv's "must have
 * required property 'entityType'").
 */
export function issueFromAjv(e: AjvError): Issue {
  let path = e.instancePath
    .replace(/^\//, '')
    .replace(/\/(\d+)(?=\/|$)/g, '[$1]')
    .replace(/\//g, '.')
    .replace(/~1/g, '/')
    .replace(/~0/g, '~');
  const child = (e.params.additionalProperty ?? e.params.missingProperty) as string | undefined;
  if (child) path = path ? `${path}.${child}` : child;
  const where = path || '(body)';
  return { path: where, message: messageFor(e, where), code: AJV_CODES[e.keyword] ?? e.keyword };
}
