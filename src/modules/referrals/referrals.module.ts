import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '../catalog/catalog.module';
import { EnterprisesModule } from '../enterprises/enterprises.module';
import { MatchingModule } from '../matching/matching.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PartnersModule } from '../partners/partners.module';
import { Referral, ReferralConsent, ReferralEvent } from './referral.entity';
import { BankReferralsController, ReferralsController } from './referrals.controller';
import { ReferralsService } from './referrals.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Referral, ReferralConsent, ReferralEvent]),
    EnterprisesModule,
    MatchingModule,
    CatalogModule,
    PartnersModule,
    NotificationsModule,
  ],
  controllers: [ReferralsController, BankReferralsController],
  providers: [ReferralsService],
})
export class ReferralsModule {}
