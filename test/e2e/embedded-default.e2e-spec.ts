import { spawn, ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '../support/webhook-receiver';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** `npm start` with no DATABASE_URL: the built app runs on an embedded PostgreSQL under DATA_DIR. */
describe('embedded PostgreSQL default (e2e)', () => {
  let child: ChildProcess | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'sfm-embedded-'));
  // As root, PostgreSQL runs as the postgres user, which must be able to enter the directory.
  chmodSync(dataDir, 0o755);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('should serve /health/live and the seeded catalogue when DATABASE_URL is unset', async () => {
    const [port, pgPort] = [await freePort(), await freePort()];
    // A newcomer's environment: nothing set but where to keep data and which ports to use.
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATA_DIR: dataDir,
      PORT: String(port),
      EMBEDDED_PG_PORT: String(pgPort),
      LOG_LEVEL: 'warn',
    };
    child = spawn(process.execPath, ['dist/src/main.js'], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('exit', (code) => {
      if (code) process.stderr.write(`embedded app exited with ${code}:\n${stderr}\n`);
    });
    const base = `http://127.0.0.1:${port}`;
    const live = await waitFor(
      async () => {
        if (child!.exitCode !== null) throw new Error(`the app exited with ${child!.exitCode}`);
        return (await fetch(`${base}/health/live`)).ok;
      },
      90_000,
      250,
    );
    expect(live).toBe(true);
    const products = (await (await fetch(`${base}/api/v1/products`)).json()) as {
      items: unknown[];
    };
    expect(products.items).toHaveLength(10);
    const ready = await fetch(`${base}/health/ready`);
    expect(((await ready.json()) as any).info.postgres.status).toBe('up');
  }, 120_000);
});
