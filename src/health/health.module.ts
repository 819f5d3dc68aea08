import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { CalendarModule } from '../modules/calendar/calendar.module';
import { HealthController } from './health.controller';
import { RedisHealthService } from './redis-health.service';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), CalendarModule],
  controllers: [HealthController],
  providers: [RedisHealthService],
  exports: [RedisHealthService],
})
export class HealthModule {}
