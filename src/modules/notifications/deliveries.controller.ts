import { Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Access, CurrentPrincipal, UserPrincipal } from '../../common/auth/access.decorator';
import { ApiPageResponse } from '../../common/http/api-page.decorator';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { DeliveryResponse } from './dto/delivery.response';
import { Page, PageQuery } from '../../common/http/pagination';
import { DELIVERY_STATUSES, DeliveryStatus } from './delivery.entity';
import { DeliveriesService, DeliveryView } from './deliveries.service';

export class ListDeliveriesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;
}

@ApiTags('webhook deliveries (admin)')
@Controller('admin/deliveries')
@Access('admin')
@ApiProblems(401, 403)
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveriesService) {}

  @Get()
  @ApiOperation({ summary: 'The webhook delivery log, newest first, filterable by status' })
  @ApiPageResponse(DeliveryResponse)
  @ApiProblems(400)
  list(@Query() query: ListDeliveriesQuery): Promise<Page<DeliveryView>> {
    return this.deliveries.list(query.status, query);
  }

  @Post(':id/redeliver')
  @ApiOperation({ summary: 'Start a new round of attempts for a delivered or dead delivery' })
  @ApiCreatedResponse({ type: DeliveryResponse, description: 'the delivery, pending again' })
  @ApiProblems(404, 409)
  redeliver(@Param('id') id: string, @CurrentPrincipal() p: UserPrincipal): Promise<DeliveryView> {
    return this.deliveries.redeliver(id, p.userId);
  }
}
