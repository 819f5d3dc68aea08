import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

/** The public API, typed from the OpenAPI document (schema.d.ts is generated from /docs-json). */
export type Schemas = components['schemas'];
export type Problem = Schemas['ProblemDetailsDto'];

let accessToken: string | null = null;
let refreshing: Promise<boolean> | null = null;

export function setAccessToken(token: string | null): void {
  accessToken = token;
}

/**
 * A new access token from the httpOnly refresh cookie (the browser session); the token itself is
 * kept in memory only, never in storage a script could read later.
 */
export function refreshSession(): Promise<boolean> {
  refreshing ??= fetch('/api/v1/auth/refresh', { method: 'POST', credentials: 'same-origin' })
    .then(async (res) => {
      if (!res.ok) {
        accessToken = null;
        return false;
      }
      accessToken = ((await res.json()) as Schemas['TokenResponse']).accessToken;
      return true;
    })
    .catch(() => false)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

const auth: Middleware = {
  onRequest({ request }) {
    if (accessToken) request.headers.set('authorization', `Bearer ${accessToken}`);
    return request;
  },
  async onResponse({ request, response }) {
    // An expired access token on a read: refresh once from the cookie and read again. Writes are
    // not repeated (their body is spent); the session refreshes ahead of expiry for them.
    if (response.status !== 401 || request.method !== 'GET' || request.url.includes('/auth/'))
      return response;
    if (!(await refreshSession())) return response;
    const headers = new Headers(request.headers);
    headers.set('authorization', `Bearer ${accessToken}`);
    return fetch(request.url, { headers, credentials: 'same-origin' });
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(auth);

/** Thrown by `call` with the server's problem details. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
  }
}

/** Unwraps an openapi-fetch result: the data, or an ApiError with the problem details. */
export async function call<T>(
  p: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await p;
  if (error !== undefined || !response.ok) {
    const problem =
      error && typeof error === 'object' && 'status' in error
        ? (error as Problem)
        : ({
            type: 'about:blank',
            title: response.statusText,
            status: response.status,
            detail: response.statusText,
            code: 'http_error',
          } as Problem);
    throw new ApiError(problem);
  }
  return data as T;
}

export const PREFIX = '/api/v1';
