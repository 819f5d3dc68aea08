import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarModule } from '../calendar/calendar.module';
import { CatalogModule } from '../catalog/catalog.module';
import { EnterprisesModule } from '../enterprises/enterprises.module';
import { MatchingModule } from '../matching/matching.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OutcomesModule } from '../outcomes/outcomes.module';
import { PartnersModule } from '../partners/partners.module';
import { BankRoutingService } from './bank-routing.service';
import { DeadlineSweepService } from './deadline-sweep.service';
import { DeadlinesService } from './deadlines.service';
import { EscalationsController } from './escalations.controller';
import { Referral, ReferralConsent, ReferralEvent } from './referral.entity';
import { BankReferralsController, ReferralsController } from './referrals.controller';
import { ReferralsService } from './referrals.service';
import { RerouteService } from './reroute.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Referral, ReferralConsent, ReferralEvent]),
    EnterprisesModule,
    MatchingModule,
    CatalogModule,
    PartnersModule,
    NotificationsModule,
    CalendarModule,
    OutcomesModule,
  ],
  controllers: [ReferralsController, BankReferralsController, EscalationsController],
  providers: [ReferralsService, DeadlinesService, BankRoutingService, RerouteService],
  exports: [DeadlinesService, RerouteService],
})
export class ReferralsModule {}

/** The worker's share of referrals: the deadline sweep (APP_ROLE worker or all). */
@Module({})
export class ReferralsWorkerModule {
  static register(): DynamicModule {
    return {
      module: ReferralsWorkerModule,
      imports: [ReferralsModule],
      providers: [DeadlineSweepService],
    };
  }
}
