import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QueueName } from '../../common/queue/queue-names';
import { reconnectDelayMs, redisOptionsFromUrl } from '../../common/queue/redis-options';
import { AppConfig } from '../../config/app-config';
import { PartnersModule } from '../partners/partners.module';
import { OutboxMessage, WebhookAttempt, WebhookDelivery } from './delivery.entity';
import { DeliveriesController } from './deliveries.controller';
import { DeliveriesService } from './deliveries.service';
import { MailDeliveriesController } from './mail-deliveries.controller';
import { MailDeliveriesService } from './mail-deliveries.service';
import { MailDelivery } from './mail-delivery.entity';
import { MailDeliveryService } from './mail-delivery.service';
import { Notification } from './notification.entity';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { OutboxRelayService } from './outbox-relay.service';
import { OutboxService } from './outbox.service';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { WebhookWorkerService } from './webhook-worker.service';

const entities = TypeOrmModule.forFeature([
  WebhookDelivery,
  WebhookAttempt,
  OutboxMessage,
  Notification,
  MailDelivery,
]);

/**
 * Webhooks to banks, notifications and mail to SMEs. The API side only writes rows (notifications,
 * deliveries, outbox) in PostgreSQL, so it never needs Redis; the worker side (APP_ROLE worker or
 * all) relays the outbox into BullMQ and delivers.
 */
@Module({
  imports: [entities, PartnersModule],
  controllers: [DeliveriesController, NotificationsController, MailDeliveriesController],
  providers: [OutboxService, DeliveriesService, NotificationsService, MailDeliveriesService],
  exports: [OutboxService, DeliveriesService, NotificationsService],
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
              retryStrategy: reconnectDelayMs,
            },
            prefix: config.redis.prefix,
          }),
        }),
        BullModule.registerQueue({ name: QueueName.Webhooks }),
      ],
      providers: [
        WebhookDeliveryService,
        MailDeliveryService,
        WebhookWorkerService,
        OutboxRelayService,
      ],
      exports: [OutboxRelayService, WebhookDeliveryService, MailDeliveryService],
    };
  }
}
