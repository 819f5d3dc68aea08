import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { CatalogModule } from '../catalog/catalog.module';
import { OutcomesController } from './outcomes.controller';
import { OutcomesService } from './outcomes.service';

/** Banks' outcome statistics and products' outlooks (docs/outcomes.md). */
@Module({
  imports: [CalendarModule, CatalogModule],
  controllers: [OutcomesController],
  providers: [OutcomesService],
  exports: [OutcomesService],
})
export class OutcomesModule {}
