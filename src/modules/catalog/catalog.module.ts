import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PartnersModule } from '../partners/partners.module';
import { CatalogAdminController } from './catalog-admin.controller';
import { CatalogCacheService } from './catalog-cache.service';
import { CatalogService } from './catalog.service';
import { FinancingProduct, FinancingProductVersion } from './financing-product.entity';
import { ProductsController } from './products.controller';

@Module({
  imports: [TypeOrmModule.forFeature([FinancingProduct, FinancingProductVersion]), PartnersModule],
  controllers: [ProductsController, CatalogAdminController],
  providers: [CatalogService, CatalogCacheService],
  exports: [CatalogService, CatalogCacheService],
})
export class CatalogModule {}
