import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, UserPrincipal } from '../../common/auth/access.decorator';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { CalendarService } from './calendar.service';
import {
  CalendarOverrideDto,
  CalendarOverridePage,
  CalendarOverrideResponse,
  OverridesQuery,
  WorkingDaysQuery,
  WorkingDaysResponse,
} from './dto/calendar.dto';

@ApiTags('working-day calendar')
@Controller()
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('calendar/working-days')
  @Access('public')
  @ApiOperation({
    summary: 'The date N working days after a date, as deadlines count them (mainland China)',
  })
  @ApiOkResponse({ type: WorkingDaysResponse })
  @ApiProblems(400)
  workingDays(@Query() q: WorkingDaysQuery): Promise<WorkingDaysResponse> {
    return this.calendar.workingDays(q.from, q.add);
  }

  @Get('admin/calendar/overrides')
  @Access('admin')
  @ApiOperation({ summary: 'Days an admin has declared working or not, newest first' })
  @ApiOkResponse({ type: CalendarOverridePage })
  @ApiProblems(400, 401, 403)
  list(@Query() q: OverridesQuery) {
    return this.calendar.list(q);
  }

  @Put('admin/calendar/overrides/:date')
  @Access('admin')
  @ApiOperation({ summary: 'Declare a day working or not (audited)' })
  @ApiOkResponse({ type: CalendarOverrideResponse })
  @ApiProblems(400, 401, 403)
  put(
    @Param('date') date: string,
    @Body() dto: CalendarOverrideDto,
    @CurrentPrincipal() p: UserPrincipal,
  ): Promise<CalendarOverrideResponse> {
    return this.calendar.put(date, dto, p.userId);
  }

  @Delete('admin/calendar/overrides/:date')
  @Access('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an override: the day follows the official schedule again' })
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 403, 404)
  remove(@Param('date') date: string, @CurrentPrincipal() p: UserPrincipal): Promise<void> {
    return this.calendar.remove(date, p.userId);
  }
}
