import { Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, UserPrincipal } from '../../common/auth/access.decorator';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { Page } from '../../common/http/pagination';
import {
  ListMailDeliveriesQuery,
  MailDeliveryPage,
  MailDeliveryResponse,
} from './dto/notification.dto';
import { MailDeliveriesService } from './mail-deliveries.service';

@ApiTags('mail deliveries (admin)')
@Controller('admin/mail-deliveries')
@Access('admin')
@ApiProblems(401, 403)
export class MailDeliveriesController {
  constructor(private readonly mails: MailDeliveriesService) {}

  @Get()
  @ApiOperation({ summary: 'The mail delivery log, newest first, filterable by status' })
  @ApiOkResponse({ type: MailDeliveryPage })
  @ApiProblems(400)
  list(@Query() query: ListMailDeliveriesQuery): Promise<Page<MailDeliveryResponse>> {
    return this.mails.list(query.status, query);
  }

  @Post(':id/redeliver')
  @ApiOperation({ summary: 'Start a new round of attempts for a dead mail' })
  @ApiCreatedResponse({ type: MailDeliveryResponse })
  @ApiProblems(404, 409)
  redeliver(
    @Param('id') id: string,
    @CurrentPrincipal() p: UserPrincipal,
  ): Promise<MailDeliveryResponse> {
    return this.mails.redeliver(id, p.userId);
  }
}
