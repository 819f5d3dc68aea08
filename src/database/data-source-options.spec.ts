import { createServer, Server, Socket } from 'node:net';
import { Pool, PoolClient } from 'pg';
import { dataSourceOptions } from './data-source-options';

/** One backend message: type byte, int32 length (itself included), body. */
function message(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}
const authenticationOk = message('R', Buffer.from([0, 0, 0, 0]));
const readyForQuery = message('Z', Buffer.from('I'));
// What a backend sends when the server is stopped in fast mode (pg_ctl stop -m fast, SIGINT).
const adminShutdown = message(
  'E',
  Buffer.from(
    'SFATAL\0VFATAL\0C57P01\0Mterminating connection due to administrator command\0\0',
    'latin1',
  ),
);

/**
 * A server that accepts the startup, says "ready" and, in the same TCP packet, that it is
 * shutting down: what a PostgreSQL stopped just as a new connection was opened sends.
 */
async function shuttingDownServer(): Promise<{ server: Server; url: string }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('data', () => {
      socket.write(Buffer.concat([authenticationOk, readyForQuery, adminShutdown]));
      socket.end();
    });
  });
  server.on('close', () => sockets.forEach((s) => s.destroy()));
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as { port: number };
  return { server, url: `postgres://postgres@127.0.0.1:${port}/sfm` };
}

describe('dataSourceOptions: pooled connections', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => ({ server, url } = await shuttingDownServer()));
  afterAll(() => new Promise((done) => server.close(done)));

  it('should survive a 57P01 that arrives with the new connection, before TypeORM listens on it', async () => {
    // The pool TypeORM builds: its options merged with `extra`.
    const pool = new Pool({ connectionString: url, ...dataSourceOptions(url).extra });
    const poolErrors: Error[] = [];
    pool.on('error', (e) => poolErrors.push(e));
    // Without a listener of its own, the client emitted the 57P01 unheard: an uncaught exception.
    const client: PoolClient = await pool.connect();
    // The connection is unusable: its next query fails (and that caller reports it) ...
    await expect(client.query('SELECT 1')).rejects.toThrow(
      /not queryable|terminating connection|Connection terminated/,
    );
    client.release(true);
    // ... and the pool does not hand it out again.
    expect(pool.totalCount).toBe(0);
    await pool.end();
    expect(poolErrors.map((e) => (e as Error & { code?: string }).code)).toEqual(['57P01']);
  });
});
