import {
  PROFILE_FIELDS,
  type FieldSpec,
  type FieldTable,
} from '../../matching/engine/profile-fields';

/**
 * The profile as JSON Schema, generated from its one declaration (PROFILE_FIELDS), compiled once
 * by Fastify's Ajv and checked before the handler runs: the HTTP 400 layer of every profile route
 * (POST/PUT /enterprises, POST /matches/preview). The OpenAPI document is generated from the same
 * table (enterprise-profile.dto.ts).
 */
export type JsonSchema = Record<string, unknown>;

/** The JSON Schema of one declared field (leaf or nested object). */
export function fieldSchema(spec: FieldSpec): JsonSchema {
  switch (spec.kind) {
    case 'integer':
    case 'number':
      return { type: spec.kind, minimum: spec.minimum, maximum: spec.maximum };
    case 'string': {
      const out: JsonSchema = { type: 'string' };
      if (spec.minLength !== undefined) out.minLength = spec.minLength;
      if (spec.maxLength !== undefined) out.maxLength = spec.maxLength;
      if (spec.pattern !== undefined) out.pattern = spec.pattern;
      return out;
    }
    case 'date':
      return { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', format: 'date' };
    case 'boolean':
      return { type: 'boolean' };
    case 'enum':
      return { type: 'string', enum: Object.keys(spec.values) };
    case 'enumArray':
      return {
        type: 'array',
        uniqueItems: true,
        maxItems: Object.keys(spec.values).length,
        items: { type: 'string', enum: Object.keys(spec.values) },
      };
    case 'object':
      return objectSchema(spec.fields);
  }
}

/** A closed object: unknown properties are rejected, never silently dropped. */
export function objectSchema(fields: FieldTable): JsonSchema {
  return {
    type: 'object',
    additionalProperties: false,
    required: Object.entries(fields)
      .filter(([, spec]) => !spec.optional)
      .map(([name]) => name),
    properties: Object.fromEntries(
      Object.entries(fields).map(([name, spec]) => [name, fieldSchema(spec)]),
    ),
  };
}

export const ENTERPRISE_PROFILE_SCHEMA: JsonSchema = objectSchema(PROFILE_FIELDS);
