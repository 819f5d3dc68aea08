import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PartnersModule } from '../partners/partners.module';
import { BankProductLink } from './bank-product.entity';
import { BankProductsController } from './bank-products.controller';
import { BankProductsService } from './bank-products.service';
import { CatalogAdminController } from './catalog-admin.controller';
import { CatalogCacheService } from './catalog-cache.service';
import { CatalogService } from './catalog.service';
import { FinancingProduct, FinancingProductVersion } from './financing-product.entity';
import { ProductsController } from './products.controller';

@Module({
  imports: [
    TypeOrmModule.forFeature([FinancingProduct, FinancingProductVersion, BankProductLink]),
    PartnersModule,
  ],
  controllers: [ProductsController, CatalogAdminController, BankProductsController],
  providers: [CatalogService, CatalogCacheService, BankProductsService],
  exports: [CatalogService, CatalogCacheService, BankProductsService],
})
export class CatalogModule {}
