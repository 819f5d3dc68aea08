import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '../catalog/catalog.module';
import { FinancingProduct, FinancingProductVersion } from '../catalog/financing-product.entity';
import { ImpactService } from './impact.service';
import { RematchController } from './rematch.controller';

/** Rule changes with foresight: the impact preview, and the re-match after publish and retire. */
@Module({
  imports: [TypeOrmModule.forFeature([FinancingProduct, FinancingProductVersion]), CatalogModule],
  controllers: [RematchController],
  providers: [ImpactService],
})
export class RematchModule {}
