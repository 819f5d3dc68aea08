import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsEmail,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { USER_ROLES, type UserRole } from '../user.entity';

export class RegisterDto {
  @ApiProperty({ example: 'owner@nanchang-tech.example' })
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an email address' })
  email: string;

  @ApiProperty({ minLength: 10, maxLength: 200, example: 'correct horse battery' })
  @IsString()
  @MinLength(10, { message: 'password must be at least 10 characters' })
  @MaxLength(200)
  password: string;

  @ApiPropertyOptional({ maxLength: 100, example: '南昌某电子科技有限公司 财务部' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName?: string;
}

export class LoginDto {
  @ApiProperty({ example: 'owner@nanchang-tech.example' })
  @IsString()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'correct horse battery' })
  @IsString()
  @MaxLength(200)
  password: string;
}

export class ChangePasswordDto {
  @ApiPropertyOptional({
    description:
      'the one-time token from the set-password (or reset) link; or send currentPassword',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  token?: string;

  @ApiPropertyOptional({ description: 'signed in (bearer token): the password in use now' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  currentPassword?: string;

  @ApiProperty({ minLength: 10, maxLength: 200, example: 'a new correct horse' })
  @IsString()
  @MinLength(10, { message: 'newPassword must be at least 10 characters' })
  @MaxLength(200)
  newPassword: string;
}

export class PasswordResetDto {
  @ApiProperty({ example: 'owner@nanchang-tech.example' })
  @IsString()
  @MaxLength(254)
  email: string;
}

class ResetMessageDto {
  @ApiProperty() zh: string;
  @ApiProperty() en: string;
}

export class PasswordResetResponse {
  @ApiProperty({
    type: ResetMessageDto,
    description: 'the same whether or not the address is known',
  })
  message: ResetMessageDto;
}

export class UserResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: USER_ROLES }) role: UserRole;
  @ApiProperty({ nullable: true, type: String }) displayName: string | null;
  @ApiPropertyOptional({ description: 'role bank only: the bank the officer acts for' })
  bankCode?: string;
  @ApiProperty({
    description: 'whether notifications are also sent by email (when mail is set up)',
  })
  emailNotifications: boolean;
}

/** What a user may change about their own account. */
export class UpdateMeDto {
  @ApiPropertyOptional({ description: 'false: notifications stay in the service, no email' })
  // Absent leaves it as it is; null is not a choice (IsOptional would let it through to a NOT NULL
  // column: a 500 the fuzzer found).
  @ValidateIf((o: UpdateMeDto) => o.emailNotifications !== undefined)
  @IsBoolean({ message: 'emailNotifications must be true or false' })
  emailNotifications?: boolean;

  @ApiPropertyOptional({ maxLength: 100, type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName?: string;
}

export class TokenResponse {
  @ApiProperty() accessToken: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
  @ApiProperty({ type: 'integer', description: 'seconds' }) expiresIn: number;
}
