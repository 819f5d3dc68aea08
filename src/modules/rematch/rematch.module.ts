import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '../catalog/catalog.module';
import { FinancingProduct, FinancingProductVersion } from '../catalog/financing-product.entity';
import { NotificationsModule } from '../notifications/notifications.module';
import { ImpactService } from './impact.service';
import { RematchRun } from './rematch-run.entity';
import { RematchWorkerService } from './rematch-worker.service';
import { RematchController } from './rematch.controller';
import { RematchService } from './rematch.service';

/** Rule changes with foresight: the impact preview, and the re-match after publish and retire. */
@Module({
  imports: [
    TypeOrmModule.forFeature([FinancingProduct, FinancingProductVersion, RematchRun]),
    CatalogModule,
    NotificationsModule,
  ],
  controllers: [RematchController],
  providers: [ImpactService, RematchService],
  exports: [RematchService],
})
export class RematchModule {}

/** The worker's share: running queued re-matches (APP_ROLE worker or all). */
@Module({})
export class RematchWorkerModule {
  static register(): DynamicModule {
    return {
      module: RematchWorkerModule,
      imports: [RematchModule],
      providers: [RematchWorkerService],
    };
  }
}
