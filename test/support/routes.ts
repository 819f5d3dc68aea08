import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer } from '@nestjs/core';
import { INestApplication } from '@nestjs/common';
import { ACCESS_KEY } from '../../src/common/auth/access.decorator';

export interface RouteInfo {
  key: string; // "GET /api/v1/products/{code}" in OpenAPI form
  audiences: string[] | undefined;
}

const EXCLUDED_FROM_PREFIX = new Set(['health/live', 'health/ready', 'metrics']);

/** Every controller route Nest registered, read from the controllers' own metadata. */
export function listRoutes(app: INestApplication): RouteInfo[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const out: RouteInfo[] = [];
  for (const wrapper of discovery.getControllers()) {
    const instance = wrapper.instance as object | undefined;
    if (!instance) continue;
    const ctor = instance.constructor;
    const base = String(Reflect.getMetadata(PATH_METADATA, ctor) ?? '').replace(/^\/|\/$/g, '');
    const proto = Object.getPrototypeOf(instance) as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(proto)) {
      const handler = proto[name] as object;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      const sub = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      if (method === undefined || sub === undefined) continue;
      const path = [base, sub.replace(/^\/|\/$/g, '')].filter(Boolean).join('/');
      const full = EXCLUDED_FROM_PREFIX.has(path) ? `/${path}` : `/api/v1/${path}`;
      const openApiPath = full.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      out.push({
        key: `${RequestMethod[method]} ${openApiPath}`,
        audiences: (Reflect.getMetadata(ACCESS_KEY, handler) ??
          Reflect.getMetadata(ACCESS_KEY, ctor)) as string[] | undefined,
      });
    }
  }
  return out;
}
