import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../../config/app-config';
import { PartnerBank } from '../partners/partner-bank.entity';
import { AccessGuard } from './access.guard';
import { ApiKeysService } from './api-keys.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { PasswordToken, RefreshToken } from './auth-token.entity';
import { BankApiKey } from './bank-api-key.entity';
import { User } from './user.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([User, BankApiKey, PartnerBank, PasswordToken, RefreshToken]),
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: config.auth.jwtSecret,
        signOptions: { algorithm: 'HS256', issuer: 'sme-finance-matcher' },
        verifyOptions: { algorithms: ['HS256'], issuer: 'sme-finance-matcher' },
      }),
    }),
    // Applied to login, register and password changes only (ThrottlerGuard on them), per client IP.
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => [
        { name: 'default', ttl: 60_000, limit: config.auth.loginRateLimitPerMinute },
      ],
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, ApiKeysService, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [AuthService, ApiKeysService],
})
export class AuthModule {}
