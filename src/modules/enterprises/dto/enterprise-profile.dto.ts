import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  PROFILE_FIELDS,
  type FieldSpec,
  type FieldTable,
} from '../../matching/engine/profile-fields';
import type { EnterpriseProfile } from '../domain/profile';
import { fieldSchema } from './enterprise-profile.schema';

/*
 * The profile's OpenAPI schema, generated from its one declaration (PROFILE_FIELDS): one named
 * class per object (EnterpriseProfileDto, CreditDto, ...) whose properties carry the same JSON
 * Schema Ajv validates with, plus the declared description and example. Validation itself is the
 * route's JSON Schema (enterprise-profile.schema.ts); the 422 layer is validateProfileSemantics.
 */

type Constructor = new () => object;

function propertyOptions(spec: FieldSpec): Record<string, unknown> {
  const docs = {
    ...(spec.description !== undefined ? { description: spec.description } : {}),
    ...(spec.example !== undefined ? { example: spec.example } : {}),
  };
  switch (spec.kind) {
    case 'object':
      return {
        type: () => dtoClass(spec.schemaName, spec.fields),
        example: exampleOf(spec.fields),
        ...docs,
      };
    case 'enum':
      return { enum: Object.keys(spec.values), enumName: spec.enumName, ...docs };
    case 'enumArray':
      return {
        enum: Object.keys(spec.values),
        enumName: spec.enumName,
        isArray: true,
        uniqueItems: true,
        ...docs,
      };
    case 'boolean':
    case 'date':
    case 'integer':
    case 'number':
    case 'string':
      return { ...fieldSchema(spec), ...docs };
  }
}

/** An object's example: its fields' examples put together. */
function exampleOf(fields: FieldTable): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).map(([key, spec]) => [
      key,
      spec.kind === 'object' ? exampleOf(spec.fields) : spec.example,
    ]),
  );
}

const classes = new Map<string, Constructor>();

/** A class named `name` whose decorated properties document `fields`. */
function dtoClass(name: string, fields: FieldTable): Constructor {
  const existing = classes.get(name);
  if (existing) return existing;
  const cls = class {};
  Object.defineProperty(cls, 'name', { value: name });
  classes.set(name, cls);
  for (const [key, spec] of Object.entries(fields)) {
    const decorate = spec.optional ? ApiPropertyOptional : ApiProperty;
    decorate(propertyOptions(spec))(cls.prototype, key);
  }
  return cls;
}

/** The enterprise profile an SME submits (POST/PUT /enterprises, POST /matches/preview). */
export const EnterpriseProfileDto = dtoClass('EnterpriseProfileDto', PROFILE_FIELDS);
export type EnterpriseProfileDto = EnterpriseProfile;
