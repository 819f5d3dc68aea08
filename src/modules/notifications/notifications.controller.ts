import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, UserPrincipal } from '../../common/auth/access.decorator';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { Page } from '../../common/http/pagination';
import {
  ListNotificationsQuery,
  NotificationPage,
  NotificationResponse,
  ReadAllResponse,
} from './dto/notification.dto';
import { NotificationsService, NotificationView } from './notifications.service';

@ApiTags('notifications')
@Controller('notifications')
@Access('sme')
@ApiProblems(401, 403)
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({
    summary: "The caller's notifications, newest first (`unread=true`: unread only)",
  })
  @ApiOkResponse({ type: NotificationPage })
  @ApiProblems(400)
  list(
    @Query() query: ListNotificationsQuery,
    @CurrentPrincipal() p: UserPrincipal,
  ): Promise<Page<NotificationView>> {
    return this.notifications.list(p.userId, query);
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark every unread notification read' })
  @ApiOkResponse({ type: ReadAllResponse })
  readAll(@CurrentPrincipal() p: UserPrincipal): Promise<ReadAllResponse> {
    return this.notifications.markAllRead(p.userId);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one notification read (reading it again changes nothing)' })
  @ApiOkResponse({ type: NotificationResponse })
  @ApiProblems(404)
  read(@Param('id') id: string, @CurrentPrincipal() p: UserPrincipal): Promise<NotificationView> {
    return this.notifications.markRead(p.userId, id);
  }
}
