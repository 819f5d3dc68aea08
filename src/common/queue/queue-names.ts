/** Every queue and job the service runs; jobs carry ids only, never personal or enterprise data. */
export enum QueueName {
  /** Outbox deliveries: webhooks to banks and mail to SMEs (one relay, one sweeper, one worker). */
  Webhooks = 'webhooks',
  /** Re-matches of every enterprise after a product version is published or retired. */
  Rematch = 'rematch',
}

export enum JobName {
  DeliverWebhook = 'deliver-webhook',
  DeliverMail = 'deliver-mail',
  Rematch = 'rematch-product',
}

export interface JobPayloads {
  [JobName.DeliverWebhook]: { deliveryId: string };
  [JobName.DeliverMail]: { mailDeliveryId: string };
  [JobName.Rematch]: { runId: string };
}
