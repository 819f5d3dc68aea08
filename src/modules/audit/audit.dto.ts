import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/http/pagination';

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({
    description: 'entity type: product, bank, api_key, delivery, bank_user, bank_product, …',
    example: 'bank',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z_]{1,32}$/, { message: 'entity must be an entity type such as bank or product' })
  entity?: string;

  @ApiPropertyOptional({ description: 'one entity: its key, e.g. a bank or product code' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  entityKey?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the user or API key that acted' })
  @IsOptional()
  @IsUUID('all', { message: 'actor must be a user or API key id' })
  actor?: string;

  @ApiPropertyOptional({ example: 'bank.updated' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z_.]{1,64}$/, { message: 'action must look like bank.updated' })
  action?: string;
}

export class AuditEntryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorId: string | null;
  @ApiProperty({ enum: ['user', 'api_key', 'system'] }) actorKind: string;
  @ApiProperty({ example: 'bank.updated' }) action: string;
  @ApiProperty({ example: 'bank' }) entityType: string;
  @ApiProperty({ example: 'JIANGXI_BANK' }) entityKey: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'what changed, usually { field: { from, to } }; never secrets',
  })
  changes: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class AuditPage {
  @ApiProperty({ type: [AuditEntryResponse] }) items: AuditEntryResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
