import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class CreateBankOfficerDto {
  @ApiProperty({ example: 'li.wei@jiangxi-bank.example' })
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an email address' })
  email: string;

  @ApiPropertyOptional({
    minLength: 10,
    maxLength: 200,
    description: 'left out: the answer carries a one-time set-password token for the officer',
  })
  @IsOptional()
  @IsString()
  @MinLength(10, { message: 'password must be at least 10 characters' })
  @MaxLength(200)
  password?: string;

  @ApiPropertyOptional({ maxLength: 100, example: '李伟（普惠金融部）' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName?: string;
}

export class BankOfficerResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ['bank'] }) role: 'bank';
  @ApiProperty({ nullable: true, type: String }) displayName: string | null;
  @ApiProperty() bankCode: string;
  @ApiProperty({ description: 'false until the officer has chosen a password' })
  passwordSet: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) disabledAt: string | null;
}

export class BankOfficerCreatedResponse extends BankOfficerResponse {
  @ApiPropertyOptional({
    description:
      'Only when no password was given, shown once: send it with a new password to POST /auth/password',
  })
  setPasswordToken?: string;
  @ApiPropertyOptional({ format: 'date-time' }) setPasswordTokenExpiresAt?: string;
}

export class BankOfficerPage {
  @ApiProperty({ type: [BankOfficerResponse] }) items: BankOfficerResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
