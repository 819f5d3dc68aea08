import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Child processes for fault tests: private redis-server instances and built worker processes
 * (`node dist/src/worker.js`). Every process started here is tracked, so a test file can end them
 * all in afterAll even when a test failed half-way (`stopAllProcesses`).
 */

const ROOT = resolve(__dirname, '..', '..');
const tracked = new Set<ChildProcess>();
const tempDirs = new Set<string>();

process.once('exit', () => {
  // Last resort if afterAll never ran: nothing we started outlives the test process.
  for (const child of tracked)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** A free TCP port on loopback (listen on 0, read it, close). */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

/** Waits for a child to exit; SIGKILLs it after `graceMs` if a gentler signal did not end it. */
async function ended(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
  });
}

/** Sends PING over a raw socket; true when the server answers +PONG. */
function ping(port: number): Promise<boolean> {
  return new Promise((answer) => {
    const socket = new Socket();
    const finish = (ok: boolean) => {
      socket.destroy();
      answer(ok);
    };
    socket.setTimeout(500, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('data', (d) => finish(d.toString().startsWith('+PONG')));
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
  });
}

/**
 * A redis-server of our own on a free port, without persistence: a restart loses every key, as a
 * Redis without AOF/RDB does in production. Never the machine's shared Redis.
 */
export class PrivateRedis {
  private child: ChildProcess | null = null;
  private readonly dir = tempDir('sfm-redis-');
  output = '';

  private constructor(readonly port: number) {}

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort());
    await redis.up();
    return redis;
  }

  /** A port for a Redis that is not running yet (start it later with `up`). */
  static async reserve(): Promise<PrivateRedis> {
    return new PrivateRedis(await freePort());
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== null;
  }

  async up(): Promise<void> {
    if (this.child) return;
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        this.dir,
        '--loglevel',
        'warning',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    tracked.add(child);
    child.stdout!.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (this.output += d.toString()));
    child.once('exit', () => {
      tracked.delete(child);
      if (this.child === child) this.child = null;
    });
    this.child = child;
    const deadline = Date.now() + 10_000;
    while (!(await ping(this.port))) {
      if (child.exitCode !== null)
        throw new Error(`redis-server on ${this.port} exited: ${this.output}`);
      if (Date.now() > deadline)
        throw new Error(`redis-server on ${this.port} did not answer PING: ${this.output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Kills the server outright (SIGKILL): no shutdown save, every key is gone. */
  async down(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGKILL');
    await ended(child, 5_000);
    this.child = null;
  }

  async restart(): Promise<void> {
    await this.down();
    await this.up();
  }
}

/**
 * The built worker (`node dist/src/worker.js`, so run `npm run build` first) as a separate OS
 * process, in an empty working directory so no `.env` or `.data/` of the checkout leaks in. `args`
 * runs another built entrypoint instead (the API, a CLI script).
 */
export class WorkerProcess {
  output = '';
  private readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(
    env: Record<string, string>,
    args: string[] = [join(ROOT, 'dist', 'src', 'worker.js')],
  ) {
    const cwd = tempDir('sfm-worker-');
    this.child = spawn(process.execPath, args, {
      cwd,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        NODE_ENV: 'test',
        DATA_DIR: join(cwd, '.data'),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    tracked.add(this.child);
    this.child.stdout!.on('data', (d: Buffer) => (this.output += d.toString()));
    this.child.stderr!.on('data', (d: Buffer) => (this.output += d.toString()));
    this.exited = new Promise((done) =>
      this.child.once('exit', (code, signal) => {
        tracked.delete(this.child);
        done({ code, signal });
      }),
    );
  }

  /** Waits until the process has printed something matching `pattern` (its logs are JSON lines). */
  async waitForOutput(pattern: RegExp, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.output)) {
      if (!this.alive) throw new Error(`worker exited before printing ${pattern}: ${this.output}`);
      if (Date.now() > deadline)
        throw new Error(`worker did not print ${pattern} within ${timeoutMs} ms: ${this.output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** A crash: no shutdown hooks, no lock release, the in-flight request is cut. */
  async kill(): Promise<void> {
    if (!this.alive) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** A graceful stop (SIGTERM: shutdown hooks let in-flight deliveries finish). */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.alive) return;
    this.child.kill('SIGTERM');
    await ended(this.child, graceMs);
  }
}

/** Ends every process this module started and removes their scratch directories. */
export async function stopAllProcesses(): Promise<void> {
  const children = [...tracked];
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await Promise.all(children.map((c) => ended(c, 5_000)));
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

export { ROOT as PROJECT_ROOT };
