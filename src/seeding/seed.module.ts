import { Module } from '@nestjs/common';
import { AuthModule } from '../modules/auth/auth.module';
import { CatalogModule } from '../modules/catalog/catalog.module';
import { PartnersModule } from '../modules/partners/partners.module';
import { SeedService } from './seed.service';

@Module({
  imports: [AuthModule, PartnersModule, CatalogModule],
  providers: [SeedService],
  exports: [SeedService],
})
export class SeedModule {}
