import { Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { DataSource, Repository } from 'typeorm';
import type { Clock } from '../../common/time/clock';
import type { AppConfig } from '../../config/app-config';
import type { PgListenerService } from '../../database/pg-listener.service';
import type { WebhookDelivery } from './delivery.entity';
import type { MailDelivery } from './mail-delivery.entity';
import { OutboxRelayService } from './outbox-relay.service';

const refused = (port: number) =>
  Object.assign(new Error(`connect ECONNREFUSED 127.0.0.1:${port}`), { code: 'ECONNREFUSED' });

/** A relay whose Redis and PostgreSQL calls fail as told; returns what it logged as a warning. */
async function warningsWhen(failing: { redis?: Error; postgres?: Error }): Promise<string[]> {
  const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  const queue = {
    waitUntilReady: () => (failing.redis ? Promise.reject(failing.redis) : Promise.resolve()),
  } as unknown as Queue;
  const dataSource = {
    transaction: () => (failing.postgres ? Promise.reject(failing.postgres) : Promise.resolve(0)),
  } as unknown as DataSource;
  const relay = new OutboxRelayService(
    queue,
    {} as Repository<WebhookDelivery>,
    {} as Repository<MailDelivery>,
    dataSource,
    {} as AppConfig,
    { now: () => new Date() } as Clock,
    {} as PgListenerService,
  );
  relay.kick();
  for (let i = 0; i < 100 && warn.mock.calls.length === 0; i++)
    await new Promise((r) => setTimeout(r, 5));
  const messages = warn.mock.calls.map((c) => String(c[0]));
  warn.mockRestore();
  return messages;
}

describe('OutboxRelayService failure logs', () => {
  it('should name PostgreSQL when PostgreSQL refuses the connection', async () => {
    const logged = await warningsWhen({ postgres: refused(5432) });
    expect(logged).toEqual([
      expect.stringMatching(/^cannot reach PostgreSQL \(connect ECONNREFUSED/),
    ]);
  });

  it('should name Redis when Redis refuses the connection', async () => {
    const logged = await warningsWhen({ redis: refused(6379) });
    expect(logged).toEqual([expect.stringMatching(/^cannot reach Redis \(connect ECONNREFUSED/)]);
  });
});
