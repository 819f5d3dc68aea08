import { INestApplication, RequestMethod } from '@nestjs/common';
import { GUARDS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer } from '@nestjs/core';
import { ACCESS_KEY, Audience } from '../common/auth/access.decorator';

export interface RouteInfo {
  /** "GET /api/v1/products/{code}": the method and the path as the OpenAPI document spells it. */
  key: string;
  method: string;
  path: string;
  audiences: Audience[] | undefined;
  /** Names of the guards on the route (class and method), e.g. ThrottlerGuard. */
  guards: string[];
}

/** Routes that main.ts keeps outside the global prefix (app.setup.ts). */
export const UNPREFIXED_ROUTES = ['health/live', 'health/ready', 'metrics'] as const;
const UNPREFIXED = new Set<string>(UNPREFIXED_ROUTES);

function guardNames(target: object): string[] {
  const guards = (Reflect.getMetadata(GUARDS_METADATA, target) ?? []) as unknown[];
  return guards.map((g) =>
    typeof g === 'function' ? g.name : ((g as object)?.constructor?.name ?? ''),
  );
}

/** Every controller route Nest registered, read from the controllers' own metadata. */
export function listRoutes(app: INestApplication, prefix = 'api/v1'): RouteInfo[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const out: RouteInfo[] = [];
  for (const wrapper of discovery.getControllers()) {
    const ctor = wrapper.metatype as (new (...args: never[]) => object) | undefined;
    if (!ctor?.prototype) continue;
    const base = String(Reflect.getMetadata(PATH_METADATA, ctor) ?? '').replace(/^\/|\/$/g, '');
    const proto = ctor.prototype as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(proto)) {
      const handler = proto[name] as object;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      const sub = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      if (method === undefined || sub === undefined) continue;
      const path = [base, sub.replace(/^\/|\/$/g, '')].filter(Boolean).join('/');
      const full = UNPREFIXED.has(path) ? `/${path}` : `/${prefix}/${path}`;
      const openApiPath = full.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      out.push({
        key: `${RequestMethod[method]} ${openApiPath}`,
        method: RequestMethod[method],
        path: openApiPath,
        audiences: (Reflect.getMetadata(ACCESS_KEY, handler) ??
          Reflect.getMetadata(ACCESS_KEY, ctor)) as Audience[] | undefined,
        guards: [...guardNames(ctor), ...guardNames(handler)],
      });
    }
  }
  return out;
}
