import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QueueName } from '../../common/queue/queue-names';
import { redisOptionsFromUrl } from '../../common/queue/redis-options';
import { AppConfig } from '../../config/app-config';
import { PartnersModule } from '../partners/partners.module';
import { OutboxMessage, WebhookAttempt, WebhookDelivery } from './delivery.entity';
import { DeliveriesController } from './deliveries.controller';
import { DeliveriesService } from './deliveries.service';
import { OutboxRelayService } from './outbox-relay.service';
import { OutboxService } from './outbox.service';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { WebhookWorkerService } from './webhook-worker.service';

const entities = TypeOrmModule.forFeature([WebhookDelivery, WebhookAttempt, OutboxMessage]);

/**
 * Webhook delivery. The API side only writes outbox rows in PostgreSQL, so it never needs Redis;
 * the worker side (APP_ROLE worker or all) relays them into BullMQ and delivers.
 */
@Module({
  imports: [entities, PartnersModule],
  controllers: [DeliveriesController],
  providers: [OutboxService, DeliveriesService],
  exports: [OutboxService, DeliveriesService],
})
export class NotificationsModule {}

@Module({})
export class NotificationsWorkerModule {
  static register(): DynamicModule {
    return {
      module: NotificationsWorkerModule,
      imports: [
        entities,
        PartnersModule,
        BullModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            // Producers fail fast while Redis is down (the relay retries from PostgreSQL).
            connection: {
              ...redisOptionsFromUrl(config.redis.url),
              enableOfflineQueue: false,
              maxRetriesPerRequest: 1,
            },
            prefix: config.redis.prefix,
          }),
        }),
        BullModule.registerQueue({ name: QueueName.Webhooks }),
      ],
      providers: [WebhookDeliveryService, WebhookWorkerService, OutboxRelayService],
      exports: [OutboxRelayService, WebhookDeliveryService],
    };
  }
}
