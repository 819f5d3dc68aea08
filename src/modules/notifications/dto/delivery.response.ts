import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DELIVERY_STATUSES } from '../delivery.entity';

export class DeliveryAttemptDto {
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ type: 'integer' }) latencyMs: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'the receiver’s HTTP status' })
  statusCode: number | null;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
}

/** One webhook delivery as the delivery log shows it (deliveries.service.ts, toDeliveryView). */
export class DeliveryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) referralId: string;
  @ApiProperty({ format: 'uuid', description: 'the webhook-id header; stable across retries' })
  eventId: string;
  @ApiProperty({ example: 'referral.submitted' }) eventType: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status: string;
  @ApiProperty({ type: 'integer' }) attempts: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) nextAttemptAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastAttemptAt: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) lastStatusCode: number | null;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ type: [DeliveryAttemptDto], description: 'every attempt, oldest first' })
  log?: DeliveryAttemptDto[];
}
