/** Every queue and job the service runs; jobs carry ids only, never personal or enterprise data. */
export enum QueueName {
  Webhooks = 'webhooks',
}

export enum JobName {
  DeliverWebhook = 'deliver-webhook',
}

export interface JobPayloads {
  [JobName.DeliverWebhook]: { deliveryId: string };
}
