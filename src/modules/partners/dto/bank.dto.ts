import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { BilingualTextDto } from '../../../common/http/bilingual.dto';

export const CODE_PATTERN = /^[A-Z][A-Z0-9_]{1,63}$/;

/** May be left out, but not sent as null (IsOptional would let null through to a NOT NULL column). */
const OmitOrValid = () => ValidateIf((_, v) => v !== undefined);

export class CreateBankDto {
  @ApiProperty({ example: 'JIANGXI_BANK', pattern: CODE_PATTERN.source })
  @IsString()
  @Matches(CODE_PATTERN, { message: 'code must match ^[A-Z][A-Z0-9_]{1,63}$' })
  code: string;

  @ApiProperty({ type: BilingualTextDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => BilingualTextDto)
  name: BilingualTextDto;

  @ApiPropertyOptional({
    nullable: true,
    example: 'https://bank.example/webhooks/sme-referrals',
    description: 'https and a public address; null: the bank pulls referrals over the API',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(2000)
  webhookUrl?: string | null;

  @ApiProperty({
    type: [String],
    example: ['360100', '360111'],
    description: 'GB/T 2260 Jiangxi city or county codes',
  })
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @Matches(/^36\d{4}$/, { each: true, message: 'each region code must be a 6-digit Jiangxi code' })
  regionCodes: string[];
}

export class UpdateBankDto {
  @ApiPropertyOptional({ type: BilingualTextDto })
  @OmitOrValid()
  @ValidateNested()
  @Type(() => BilingualTextDto)
  name?: BilingualTextDto;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsString()
  @MaxLength(2000)
  webhookUrl?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @OmitOrValid()
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @Matches(/^36\d{4}$/, { each: true, message: 'each region code must be a 6-digit Jiangxi code' })
  regionCodes?: string[];

  @ApiPropertyOptional({ description: 'false: no longer routed to' })
  @OmitOrValid()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({
    description: 'true: issue a new webhook secret (shown once); the old one stops working at once',
  })
  @OmitOrValid()
  @IsBoolean()
  rotateWebhookSecret?: boolean;

  @ApiPropertyOptional({
    description: 'true: re-enable a webhook endpoint disabled after a 410 answer',
  })
  @OmitOrValid()
  @IsBoolean()
  reenableWebhook?: boolean;
}

export class BankResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty({ type: BilingualTextDto }) name: BilingualTextDto;
  @ApiProperty({ type: [String] }) regionCodes: string[];
  @ApiProperty({ nullable: true, type: String }) webhookUrl: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) webhookDisabledAt:
    string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class BankWithSecretResponse extends BankResponse {
  @ApiPropertyOptional({
    description: 'Shown once, when created or rotated: whsec_ + base64 of 32 random bytes',
  })
  webhookSecret?: string;
}

export class ApiKeyIssuedResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Shown once; send as X-Api-Key' }) apiKey: string;
  @ApiProperty() prefix: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ApiKeyResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() prefix: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) revokedAt: string | null;
}
