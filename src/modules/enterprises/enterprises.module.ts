import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MatchingController } from '../matching/matching.controller';
import { MatchingModule } from '../matching/matching.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { AdminClaimsController, EnterpriseClaimsController } from './claims.controller';
import { ClaimsService } from './claims.service';
import { EnterpriseClaim } from './enterprise-claim.entity';
import { Enterprise, EnterpriseVersion } from './enterprise.entity';
import { EnterprisesController } from './enterprises.controller';
import { EnterprisesService } from './enterprises.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Enterprise, EnterpriseVersion, EnterpriseClaim]),
    MatchingModule,
    NotificationsModule,
  ],
  // The matching routes need both enterprises and the matcher; they live here to avoid a cycle.
  // The claims routes come first so that `enterprises/claims` is not read as an enterprise id.
  controllers: [
    EnterpriseClaimsController,
    AdminClaimsController,
    EnterprisesController,
    MatchingController,
  ],
  providers: [EnterprisesService, ClaimsService],
  exports: [EnterprisesService],
})
export class EnterprisesModule {}
