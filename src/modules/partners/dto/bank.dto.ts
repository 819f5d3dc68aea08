import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { BilingualTextDto } from '../../../common/http/bilingual.dto';
import { pageResponse } from '../../../common/http/pagination';

export const CODE_PATTERN = /^[A-Z][A-Z0-9_]{1,63}$/;

/** A bank as the people using the service read it: its name, with the code the API takes. */
export class BankRefDto {
  @ApiProperty({ example: 'CCB' }) code: string;
  @ApiProperty({ type: BilingualTextDto }) name: BilingualTextDto;
}

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
    type: String,
    format: 'uri',
    maxLength: 2000,
    nullable: true,
    example: 'https://bank.example/webhooks/sme-referrals',
    description: 'https and a public address; null: the bank pulls referrals over the API',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MinLength(1, { message: 'webhookUrl must be a URL, or null for no endpoint' })
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

  @ApiPropertyOptional({
    type: String,
    format: 'uri',
    maxLength: 2000,
    nullable: true,
    description: 'https and a public address; null: the bank pulls referrals over the API',
  })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsString()
  @MinLength(1, { message: 'webhookUrl must be a URL, or null for no endpoint' })
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

export class BankContactDto {
  @ApiProperty({ maxLength: 100, example: '王敏' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty({ maxLength: 40, example: '0791-8600 0000' })
  @IsString()
  @Matches(/^[0-9+()\- ]{5,40}$/, { message: 'phone must be digits, spaces, +, - or ()' })
  phone: string;

  @ApiProperty({ maxLength: 254, example: 'sme-referrals@jiangxi-bank.example' })
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an email address' })
  email: string;
}

/** What a bank may change about itself (PATCH /bank/me). */
export class UpdateBankSettingsDto {
  @ApiPropertyOptional({
    description: 'false: pause; routing skips the bank until it is true again',
  })
  @OmitOrValid()
  @IsBoolean()
  acceptingReferrals?: boolean;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 100000,
    nullable: true,
    description: 'most referrals assigned per Asia/Shanghai day; null: no limit',
  })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsInt({ message: 'dailyCapacity must be a whole number' })
  @Min(0)
  @Max(100000)
  dailyCapacity?: number | null;

  @ApiPropertyOptional({ type: BankContactDto, nullable: true })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @ValidateNested()
  @Type(() => BankContactDto)
  contact?: BankContactDto | null;
}

export class BankSettingsResponse {
  @ApiProperty() code: string;
  @ApiProperty({ type: BilingualTextDto }) name: BilingualTextDto;
  @ApiProperty({ type: [String] }) regionCodes: string[];
  @ApiProperty() acceptingReferrals: boolean;
  @ApiProperty({ type: 'integer', nullable: true }) dailyCapacity: number | null;
  @ApiProperty({ type: BankContactDto, nullable: true }) contact: BankContactDto | null;
  @ApiProperty({
    type: 'integer',
    description: 'referrals assigned to the bank so far today (Asia/Shanghai)',
  })
  assignedToday: number;
  @ApiProperty({ type: 'integer', description: 'referrals assigned to the bank and still open' })
  openReferrals: number;
}

export class BankResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty({ type: BilingualTextDto }) name: BilingualTextDto;
  @ApiProperty({ type: [String] }) regionCodes: string[];
  @ApiProperty({ nullable: true, type: String, format: 'uri' }) webhookUrl: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) webhookDisabledAt:
    string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ description: 'the bank’s own pause switch' }) acceptingReferrals: boolean;
  @ApiProperty({ type: 'integer', nullable: true }) dailyCapacity: number | null;
  @ApiProperty({ type: BankContactDto, nullable: true }) contact: BankContactDto | null;
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

export class BankProductsDto {
  @ApiProperty({ type: [String], example: ['KEDAITONG', 'CAIYUAN_XINDAITONG'] })
  @IsArray()
  @ArrayMaxSize(500)
  @ArrayUnique()
  @Matches(CODE_PATTERN, {
    each: true,
    message: 'each product code must match ^[A-Z][A-Z0-9_]{1,63}$',
  })
  productCodes: string[];
}

export class BankProductsResponse {
  @ApiProperty() bankCode: string;
  @ApiProperty({ type: [String], description: 'in code order' }) productCodes: string[];
}

export class BankPage extends pageResponse(BankResponse) {}
export class ApiKeyPage extends pageResponse(ApiKeyResponse) {}
