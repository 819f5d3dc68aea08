import { ContractViolation, contractFor } from './contract';

export interface HttpResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as-is (for malformed-JSON tests). */
  rawBody?: string;
  token?: string;
  apiKey?: string;
  headers?: Record<string, string>;
  /**
   * Skip the OpenAPI check for this one request. Only for answers the document cannot describe,
   * such as a request the test deliberately sends outside HTTP's rules; say why at the call.
   */
  unchecked?: boolean;
}

/**
 * A small fetch-based client for e2e tests: real HTTP over loopback. Every answer is checked
 * against the app's own /docs-json (status declared, content type declared, body matches the
 * schema); a breach fails the test with a ContractViolation naming the operation.
 */
export class HttpClient {
  constructor(
    readonly baseUrl: string,
    readonly options: { checkContract?: boolean } = { checkContract: true },
  ) {}

  async request<T = any>(
    method: string,
    path: string,
    opts: RequestOptions = {},
  ): Promise<HttpResponse<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.body !== undefined || opts.rawBody !== undefined)
      headers['content-type'] ??= 'application/json';
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.apiKey) headers['x-api-key'] = opts.apiKey;
    const res = await fetch(this.baseUrl + path, {
      method,
      headers,
      body: opts.rawBody ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined),
    });
    const text = await res.text();
    let body: unknown = text;
    const contentType = res.headers.get('content-type');
    if (text && /json/.test(contentType ?? '')) body = JSON.parse(text);
    if (this.options.checkContract !== false && !opts.unchecked) {
      const contract = await contractFor(this.baseUrl);
      const problems = contract.check(method, path, {
        status: res.status,
        contentType,
        text,
        body,
      });
      if (problems.length) throw new ContractViolation(problems, body);
    }
    return { status: res.status, body: body as T, headers: res.headers };
  }

  get<T = any>(path: string, opts?: RequestOptions) {
    return this.request<T>('GET', path, opts);
  }
  post<T = any>(path: string, body?: unknown, opts: RequestOptions = {}) {
    return this.request<T>('POST', path, { ...opts, body });
  }
  put<T = any>(path: string, body?: unknown, opts: RequestOptions = {}) {
    return this.request<T>('PUT', path, { ...opts, body });
  }
  patch<T = any>(path: string, body?: unknown, opts: RequestOptions = {}) {
    return this.request<T>('PATCH', path, { ...opts, body });
  }
  delete<T = any>(path: string, opts?: RequestOptions) {
    return this.request<T>('DELETE', path, opts);
  }

  /** Registers an SME user and returns its bearer token. */
  async registerSme(email: string, password = 'sme-password-123'): Promise<string> {
    const reg = await this.post('/api/v1/auth/register', { email, password });
    if (reg.status !== 201)
      throw new Error(`register failed: ${reg.status} ${JSON.stringify(reg.body)}`);
    return this.login(email, password);
  }

  async login(email: string, password: string): Promise<string> {
    const res = await this.post('/api/v1/auth/login', { email, password });
    if (res.status !== 200)
      throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken as string;
  }
}
