/**
 * What the HTTP and webhook benchmarks share: output helpers, a scratch database, a free port,
 * the built app started as a child process, and the example profile (from the built test fixture,
 * so the benchmarks send what the tests send). Plain CommonJS: run after `npm run build`.
 */
'use strict';

const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const net = require('node:net');
const path = require('node:path');
const { Client } = require('pg');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const MAIN = path.join(DIST, 'src', 'main.js');
const PG_ADMIN_URL =
  process.env.BENCH_PG_URL ||
  process.env.TEST_PG_URL ||
  'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const STARTUP_TIMEOUT_MS = 90_000;

const out = (line = '') => process.stdout.write(`${line}\n`);
const fmt = (n, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A positive number from the environment, or the fallback; `integer` refuses fractions. */
function envNumber(name, fallback, { integer = false } = {}) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new Error(`${name} must be a positive ${integer ? 'integer' : 'number'}, got ${raw}`);
  }
  return n;
}

function databaseUrl(name) {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function adminQuery(sql) {
  const client = new Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts the built app in production mode on `port` with fresh secrets (so nothing is written to
 * .data/), plus `env`; resolves once `readyPath` answers 200 (at once when it is null: a worker).
 * `options`: `script` (default dist/src/main.js), `nodeArgs` before it, `ipc` for an IPC channel.
 */
async function startApp(port, env, readyPath = '/health/live', options = {}) {
  const { script = MAIN, nodeArgs = [], ipc = false } = options;
  const child = spawn(process.execPath, [...nodeArgs, script], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      REDIS_URL,
      LOG_LEVEL: 'warn',
      SEED_ON_START: 'true',
      JWT_SECRET: randomBytes(48).toString('base64url'),
      SECRET_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      ...env,
    },
    stdio: ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  let logs = '';
  const keep = (chunk) => (logs = (logs + chunk.toString()).slice(-20_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));

  const base = `http://127.0.0.1:${port}`;
  if (readyPath === null) return { child, base, logs: () => logs, exited: () => exited };
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    if (exited)
      throw new Error(`the app exited during start-up (${JSON.stringify(exited)}):\n${logs}`);
    try {
      if ((await fetch(base + readyPath)).status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(
        `${readyPath} did not answer 200 within ${STARTUP_TIMEOUT_MS / 1000} s:\n${logs}`,
      );
    }
    await sleep(200);
  }
  return { child, base, logs: () => logs, exited: () => exited };
}

async function stopApp(app) {
  if (!app || app.exited()) return;
  const gone = new Promise((resolve) => app.child.once('exit', resolve));
  app.child.kill('SIGTERM');
  const timer = setTimeout(() => app.child.kill('SIGKILL'), 10_000);
  await gone;
  clearTimeout(timer);
}

/** The rules.md example profile (a Nanchang electronics SME in an industrial park), as built. */
function exampleProfile(overrides = {}) {
  const { exampleProfile: make } = require(
    path.join(DIST, 'src', 'modules', 'enterprises', 'domain', 'profile.fixture.js'),
  );
  return { ...make(), ...overrides };
}

/** A credit code with a valid GB 32100 check character, different on every call. */
let serial = 0;
function freshUscc() {
  const { usccCheckChar } = require(
    path.join(DIST, 'src', 'modules', 'enterprises', 'domain', 'uscc.js'),
  );
  serial += 1;
  const body = `91360100MA${String((Date.now() + serial) % 1e7).padStart(7, '0')}`.slice(0, 17);
  return body + usccCheckChar(body);
}

/** One JSON call to the app: `{status, body}` (body parsed when it is JSON, else the text). */
async function call(base, method, route, { body, token, headers = {} } = {}) {
  const res = await fetch(base + route, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: res.status, body: json };
}

async function expectStatus(promise, status, what) {
  const res = await promise;
  if (res.status !== status)
    throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * The webhook benches' common start: the admin points bank CCB at the receiver (with a fresh
 * secret), and one SME registers and signs in. Returns CCB as the admin saw it and the SME's token.
 */
async function pointCcbAndSignUpSme(base, { adminEmail, adminPassword, receiverUrl, smeEmail }) {
  const admin = (
    await expectStatus(
      call(base, 'POST', '/api/v1/auth/login', {
        body: { email: adminEmail, password: adminPassword },
      }),
      200,
      'admin login',
    )
  ).accessToken;
  const ccb = await expectStatus(
    call(base, 'PATCH', '/api/v1/admin/banks/CCB', {
      token: admin,
      body: { webhookUrl: receiverUrl, rotateWebhookSecret: true },
    }),
    200,
    'point CCB at the receiver',
  );
  const credentials = { email: smeEmail, password: 'bench-password-123' };
  await expectStatus(
    call(base, 'POST', '/api/v1/auth/register', { body: credentials }),
    201,
    'register SME',
  );
  const sme = (
    await expectStatus(
      call(base, 'POST', '/api/v1/auth/login', { body: credentials }),
      200,
      'SME login',
    )
  ).accessToken;
  return { ccb, sme };
}

/** Deletes every Redis key under a BullMQ prefix; returns how many. */
async function deleteQueueKeys(prefix) {
  const IORedis = require('ioredis');
  const redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
  await redis.connect();
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

module.exports = {
  ROOT,
  MAIN,
  PG_ADMIN_URL,
  REDIS_URL,
  out,
  fmt,
  sleep,
  envNumber,
  databaseUrl,
  adminQuery,
  freePort,
  startApp,
  stopApp,
  exampleProfile,
  freshUscc,
  call,
  expectStatus,
  pointCcbAndSignUpSme,
  deleteQueueKeys,
};
