import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MatchingController } from '../matching/matching.controller';
import { MatchingModule } from '../matching/matching.module';
import { Enterprise, EnterpriseVersion } from './enterprise.entity';
import { EnterprisesController } from './enterprises.controller';
import { EnterprisesService } from './enterprises.service';

@Module({
  imports: [TypeOrmModule.forFeature([Enterprise, EnterpriseVersion]), MatchingModule],
  // The matching routes need both enterprises and the matcher; they live here to avoid a cycle.
  controllers: [EnterprisesController, MatchingController],
  providers: [EnterprisesService],
  exports: [EnterprisesService],
})
export class EnterprisesModule {}
