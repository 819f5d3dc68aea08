import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../../../common/http/pagination';
import { NOTIFICATION_TYPES, NotificationType } from '../domain/notification-texts';
import {
  MAIL_DELIVERY_STATUSES,
  MAIL_KINDS,
  MailDeliveryStatus,
  MailKind,
} from '../mail-delivery.entity';

class TextDto {
  @ApiProperty({ example: '「科贷通」申请已获批' }) zh: string;
  @ApiProperty({ example: 'Kedaitong approved' }) en: string;
}

export class ListNotificationsQuery extends PageQuery {
  @ApiPropertyOptional({ type: Boolean, description: 'true: only the ones not read yet' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean({ message: 'unread must be true or false' })
  unread?: boolean;
}

export class NotificationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: NOTIFICATION_TYPES }) type: NotificationType;
  @ApiProperty({ type: TextDto }) title: TextDto;
  @ApiProperty({ type: TextDto }) body: TextDto;
  @ApiPropertyOptional({ format: 'uuid' }) referralId?: string;
  @ApiPropertyOptional({ example: 'KEDAITONG' }) productCode?: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt: string | null;
}

export class NotificationPage {
  @ApiProperty({ type: [NotificationResponse] }) items: NotificationResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class ReadAllResponse {
  @ApiProperty({ type: 'integer', description: 'how many notifications were marked read' })
  updated: number;
}

export class ListMailDeliveriesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: MAIL_DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(MAIL_DELIVERY_STATUSES)
  status?: MailDeliveryStatus;
}

export class MailDeliveryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: MAIL_KINDS }) kind: MailKind;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'also the Message-ID' })
  notificationId: string | null;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ enum: MAIL_DELIVERY_STATUSES }) status: MailDeliveryStatus;
  @ApiProperty({ type: 'integer' }) attempts: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) nextAttemptAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastAttemptAt: string | null;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class MailDeliveryPage {
  @ApiProperty({ type: [MailDeliveryResponse] }) items: MailDeliveryResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
