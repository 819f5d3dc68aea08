import { api, call, type Schemas } from '../../api/client';

export type Enterprise = Schemas['EnterpriseResponse'];
export type Profile = Schemas['EnterpriseProfileDto'];
export type Product = Schemas['ProductResponse'];

/** The signed-in SME's enterprise (the first one it described), or null. */
export async function myEnterprise(): Promise<Enterprise | null> {
  const page = await call(api.GET('/api/v1/enterprises', { params: { query: { limit: 1 } } }));
  return page.items[0] ?? null;
}

let products: Promise<Map<string, Product>> | null = null;

/** The published products by code (names for match results and referrals), fetched once. */
export function productsByCode(): Promise<Map<string, Product>> {
  products ??= call(api.GET('/api/v1/products', { params: { query: { limit: 100 } } })).then(
    (page) => new Map(page.items.map((p) => [p.code, p])),
    (e: unknown) => {
      products = null;
      throw e;
    },
  );
  return products;
}
