import fc from 'fast-check';
import type { OpenApiDocument } from '../support/contract';

/** An OpenAPI 3.0 schema as @nestjs/swagger writes it. */
export type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  nullable?: boolean;
  example?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
};

/** Values known to exist (ids, codes), offered wherever a property or parameter of that name appears. */
export type Hints = Record<string, readonly unknown[]>;

export function deref(schema: Schema, doc: OpenApiDocument): Schema {
  let s = schema;
  for (let i = 0; s.$ref && i < 32; i++) {
    const name = s.$ref.replace('#/components/schemas/', '');
    const target = doc.components?.schemas?.[name] as Schema | undefined;
    if (!target) throw new Error(`unresolved ${s.$ref}`);
    s = { ...target, ...(s.nullable ? { nullable: true } : {}) };
  }
  if (s.allOf?.length) {
    const parts = s.allOf.map((p) => deref(p, doc));
    const { allOf: _allOf, ...rest } = s;
    return parts.reduce<Schema>(
      (acc, p) => ({
        ...acc,
        ...p,
        properties: { ...acc.properties, ...p.properties },
        required: [...(acc.required ?? []), ...(p.required ?? [])],
      }),
      rest,
    );
  }
  return s;
}

const SAFE = Number.MAX_SAFE_INTEGER;

function stringArbitrary(s: Schema): fc.Arbitrary<string> {
  const minLength = s.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(s.maxLength ?? 40, 60));
  const byFormat: Record<string, () => fc.Arbitrary<string>> = {
    uuid: () => fc.uuid(),
    'date-time': () =>
      fc
        .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString()),
    date: () =>
      fc
        .date({ min: new Date('1950-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
    uri: () => fc.webUrl({ validSchemes: ['https'] }),
    email: () => fc.emailAddress(),
  };
  if (s.format && byFormat[s.format]) return byFormat[s.format]();
  if (s.pattern) {
    try {
      return fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length <= maxLength);
    } catch {
      // fast-check cannot generate from every regex (lookahead); plain strings and the example remain.
    }
  }
  return fc.oneof(
    fc.string({ minLength, maxLength }),
    fc.string({ minLength, maxLength, unit: 'grapheme' }),
  );
}

/** Values of the schema: what a well-behaved client might send (examples and known ids favoured). */
export function valid(
  schema: Schema,
  doc: OpenApiDocument,
  hints: Hints = {},
  name?: string,
  depth = 0,
): fc.Arbitrary<unknown> {
  const s = deref(schema, doc);
  let arb: fc.Arbitrary<unknown>;
  if (s.enum) arb = fc.constantFrom(...s.enum.filter((v) => v !== null));
  else if (s.type === 'string') arb = stringArbitrary(s);
  else if (s.type === 'integer')
    arb = fc.integer({
      min: Math.max(Math.ceil(s.minimum ?? -1_000_000), -SAFE),
      max: Math.min(Math.floor(s.maximum ?? SAFE), SAFE),
    });
  else if (s.type === 'number')
    arb = fc.double({
      min: s.minimum ?? -1e9,
      max: s.maximum ?? 1e9,
      noNaN: true,
      noDefaultInfinity: true,
    });
  else if (s.type === 'boolean') arb = fc.boolean();
  else if (s.type === 'array') {
    const item = s.items
      ? valid(s.items, doc, hints, name, depth + 1)
      : fc.jsonValue({ maxDepth: 1 });
    const constraints = {
      minLength: s.minItems ?? 0,
      maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 4, 4)),
    };
    arb = s.uniqueItems
      ? fc.uniqueArray(item, { ...constraints, selector: (v) => JSON.stringify(v) })
      : fc.array(item, constraints);
  } else if (s.properties || s.type === 'object') {
    const props = s.properties ?? {};
    const required = new Set(s.required ?? []);
    if (depth > 6) arb = fc.constant({});
    else if (Object.keys(props).length === 0)
      arb = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), {
        maxKeys: 3,
      });
    else
      arb = fc.record(
        Object.fromEntries(
          Object.entries(props).map(([k, p]) => [k, valid(p, doc, hints, k, depth + 1)]),
        ),
        { requiredKeys: [...required].filter((k) => k in props) },
      );
  } else arb = fc.jsonValue({ maxDepth: 2 });

  const favoured: fc.Arbitrary<unknown>[] = [];
  if (s.example !== undefined) favoured.push(fc.constant(s.example));
  if (name && hints[name]?.length) favoured.push(fc.constantFrom(...hints[name]));
  if (favoured.length)
    arb = fc.oneof({ arbitrary: fc.oneof(...favoured), weight: 3 }, { arbitrary: arb, weight: 1 });
  return s.nullable ? fc.option(arb, { nil: null, freq: 6 }) : arb;
}

/** Values no schema of this API accepts where they land: wrong types, extremes, hostile text. */
export const HOSTILE_VALUES: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  2 ** 53,
  -(2 ** 63),
  1e308,
  -1e308,
  '',
  ' ',
  'NaN',
  '9'.repeat(40),
  '2023-02-30',
  '0000-00-00',
  '2024-13-01T25:61:61Z',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff\ud800',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🏦 中文 العربية',
  '\u202eRTL',
  'x'.repeat(5000),
  "'; DROP TABLE enterprise; --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  [],
  [1, 'a', null],
  {},
  { $ne: null },
  JSON.parse('{"__proto__": {"polluted": true}}') as unknown,
  { constructor: { prototype: { polluted: true } } },
];

type Path = (string | number)[];

function pathsOf(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...path, i], out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) pathsOf(v, [...path, k], out);
  return out;
}

function setAt(value: unknown, path: Path, next: (old: unknown) => unknown): unknown {
  if (path.length === 0) return next(value);
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
  const [head, ...rest] = path;
  copy[head] = setAt(copy[head], rest, next);
  return copy;
}

function removeAt(value: unknown, path: Path): unknown {
  if (path.length === 0) return undefined;
  const parent = path.slice(0, -1);
  const key = path[path.length - 1];
  return setAt(value, parent, (p) => {
    if (Array.isArray(p)) return p.filter((_, i) => i !== key);
    if (p && typeof p === 'object') {
      const { [key]: _removed, ...rest } = p as Record<string | number, unknown>;
      return rest;
    }
    return p;
  });
}

export type MutationKind = 'replace' | 'remove' | 'extra' | 'deep';

/** One mutation of a valid value: a field replaced by a hostile value, removed, or joined by an unknown one. */
export function mutated(
  base: fc.Arbitrary<unknown>,
): fc.Arbitrary<{ value: unknown; how: string }> {
  return fc
    .tuple(
      base,
      fc.constantFrom<MutationKind>('replace', 'replace', 'remove', 'extra', 'deep'),
      fc.nat(),
      fc.constantFrom(...HOSTILE_VALUES),
      fc.oneof(
        fc.constantFrom('unknownField', '__proto__', 'constructor', 'id', 'status'),
        fc.string(),
      ),
    )
    .map(([value, kind, pick, hostile, extraKey]) => {
      const paths = pathsOf(value);
      const path = paths[pick % paths.length];
      const where = path.join('.') || '(root)';
      switch (kind) {
        case 'replace':
          return { value: setAt(value, path, () => hostile), how: `replace ${where}` };
        case 'remove':
          return { value: removeAt(value, path), how: `remove ${where}` };
        case 'extra': {
          const objects = paths.filter((p) => {
            const v = p.reduce<any>((acc, k) => acc?.[k], value);
            return v && typeof v === 'object' && !Array.isArray(v);
          });
          const target = objects.length ? objects[pick % objects.length] : [];
          return {
            value: setAt(value, target, (o) =>
              o && typeof o === 'object'
                ? Object.defineProperty({ ...(o as object) }, extraKey, {
                    value: hostile,
                    enumerable: true,
                    configurable: true,
                    writable: true,
                  })
                : { [extraKey]: hostile },
            ),
            how: `extra ${target.join('.') || '(root)'}.${extraKey}`,
          };
        }
        case 'deep': {
          let deep: unknown = hostile;
          for (let i = 0; i < 200; i++) deep = { a: deep };
          return { value: setAt(value, path, () => deep), how: `deep at ${where}` };
        }
      }
    });
}
