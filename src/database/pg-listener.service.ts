import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Client } from 'pg';
import { closing } from '../common/shutdown';
import { AppConfig } from '../config/app-config';

/** Called on each NOTIFY on the channel, and once after every reconnect (payload undefined). */
export type NotifyHandler = (payload: string | undefined) => void;

export const LISTENER_APPLICATION_NAME = 'sme-finance-matcher:listen';
const CHANNEL = /^[a-z_][a-z0-9_]*$/;
const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 10_000;

/** Reconnect delay after `failures` failed attempts in a row: 250 ms doubling, capped at 10 s. */
export function retryDelayMs(failures: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.min(failures, 16), MAX_RETRY_MS);
}

/**
 * The process's one PostgreSQL connection for LISTEN, shared by every channel (the catalogue
 * cache, the outbox relay). A lost connection is closed and replaced by exactly one new one, with
 * back-off; each client is retired at most once however many `error`/`end` events it emits, so
 * repeated drops never multiply connections. Notifications sent while the connection was down
 * are lost, so after a reconnect every subscriber is called once to catch up.
 */
@Injectable()
export class PgListenerService implements OnModuleDestroy {
  private readonly logger = new Logger(PgListenerService.name);
  private readonly handlers = new Map<string, Set<NotifyHandler>>();
  private readonly retired = new WeakSet<Client>();
  private client: Client | null = null;
  private listening = new Set<string>();
  private connecting: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private failures = 0;
  private lost = false;
  private closed = false;

  constructor(private readonly config: AppConfig) {}

  /**
   * Subscribes to `channel`. Resolves once the channel is listened on, or once the first
   * connection attempt failed (the service keeps retrying in the background).
   */
  async subscribe(channel: string, handler: NotifyHandler): Promise<void> {
    if (!CHANNEL.test(channel)) throw new Error(`invalid channel name ${channel}`);
    let set = this.handlers.get(channel);
    if (!set) this.handlers.set(channel, (set = new Set()));
    set.add(handler);
    await this.connect();
    await this.listenOn(channel);
  }

  // Before any onApplicationShutdown hook, so before an embedded PostgreSQL stops under it.
  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const client = this.client;
    this.client = null;
    if (client) {
      this.retired.add(client);
      await closing('PostgreSQL LISTEN connection', async () =>
        client.end().catch(() => undefined),
      );
    }
  }

  private connect(): Promise<void> {
    if (this.closed || this.client) return Promise.resolve();
    this.connecting ??= this.open().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async open(): Promise<void> {
    const client = new Client({
      connectionString: this.config.databaseUrl,
      application_name: LISTENER_APPLICATION_NAME,
      connectionTimeoutMillis: 5000,
      keepAlive: true,
    });
    client.on('error', (e: Error) => this.retire(client, e));
    client.on('end', () => this.retire(client, new Error('connection ended')));
    client.on('notification', (n) => this.dispatch(n.channel, n.payload));
    try {
      await client.connect();
      if (this.closed) {
        this.retired.add(client);
        await client.end().catch(() => undefined);
        return;
      }
      this.client = client;
      this.listening = new Set();
      for (const channel of this.handlers.keys()) await this.listenOn(channel);
    } catch (e) {
      this.retire(client, e as Error);
      return;
    }
    if (this.client !== client) return; // lost again while listening
    this.failures = 0;
    if (this.lost) {
      this.lost = false;
      this.logger.log(`listening again on ${[...this.listening].join(', ')}`);
      for (const channel of this.handlers.keys()) this.dispatch(channel, undefined);
    }
  }

  private async listenOn(channel: string): Promise<void> {
    const client = this.client;
    if (!client || this.listening.has(channel)) return;
    this.listening.add(channel);
    // A failure here is a lost connection: the error event retires the client.
    await client.query(`LISTEN ${channel}`).catch((e: Error) => this.retire(client, e));
  }

  /** Closes `client` once and schedules one reconnect, whatever number of events reported it. */
  private retire(client: Client, err: Error): void {
    if (this.retired.has(client)) return;
    this.retired.add(client);
    client.removeAllListeners('notification');
    client.on('error', () => undefined); // late errors of a retired client are expected
    void client.end().catch(() => undefined);
    if (this.client === client) this.client = null;
    if (this.closed) return;
    if (!this.lost)
      this.logger.warn(`PostgreSQL LISTEN connection lost (${err.message}); reconnecting`);
    this.lost = true;
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.retryTimer || this.closed) return;
    const delay = retryDelayMs(this.failures++);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      // An attempt still in flight is the one that lost this client; start anew once it settles.
      void (this.connecting ?? Promise.resolve()).then(() => this.connect());
    }, delay);
    this.retryTimer.unref();
  }

  private dispatch(channel: string, payload: string | undefined): void {
    for (const handler of this.handlers.get(channel) ?? []) {
      try {
        handler(payload);
      } catch (e) {
        this.logger.warn(`handler for ${channel} failed: ${(e as Error).message}`);
      }
    }
  }
}
