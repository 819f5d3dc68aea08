import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '../catalog/catalog.module';
import { OutcomesModule } from '../outcomes/outcomes.module';
import { MatchRun } from './match-run.entity';
import { MatchingService } from './matching.service';

@Module({
  imports: [TypeOrmModule.forFeature([MatchRun]), CatalogModule, OutcomesModule],
  providers: [MatchingService],
  exports: [MatchingService],
})
export class MatchingModule {}
