import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { ProblemDetailsFilter } from './common/errors/problem-details.filter';
import { loggerParams } from './common/http/logging';
import { TimeModule } from './common/time/time.module';
import { AppConfig } from './config/app-config';
import type { AppRole } from './config/env.validation';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { PasswordResetModule } from './modules/auth/password-reset.module';
import { CalendarModule } from './modules/calendar/calendar.module';
import { CatalogModule } from './modules/catalog/catalog.module';
import { EnterprisesModule } from './modules/enterprises/enterprises.module';
import {
  NotificationsModule,
  NotificationsWorkerModule,
} from './modules/notifications/notifications.module';
import { OutcomesModule } from './modules/outcomes/outcomes.module';
import { PartnersModule } from './modules/partners/partners.module';
import { ReferralsModule, ReferralsWorkerModule } from './modules/referrals/referrals.module';
import { RematchModule, RematchWorkerModule } from './modules/rematch/rematch.module';
import { SeedModule } from './seeding/seed.module';

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (c: AppConfig) => loggerParams(c.logLevel),
    }),
    TimeModule,
    DatabaseModule,
    MetricsModule,
    HealthModule,
    AuditModule,
    AuthModule,
    PasswordResetModule,
    CalendarModule,
    PartnersModule,
    CatalogModule,
    EnterprisesModule,
    NotificationsModule,
    ReferralsModule,
    OutcomesModule,
    RematchModule,
    SeedModule,
  ],
  providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
})
export class AppModule {
  /** The whole service; the queue workers and the outbox relay join in roles `worker` and `all`. */
  static forRole(role: AppRole): DynamicModule {
    return {
      module: AppModule,
      imports:
        role === 'api'
          ? []
          : [
              NotificationsWorkerModule.register(),
              ReferralsWorkerModule.register(),
              RematchWorkerModule.register(),
            ],
    };
  }
}
