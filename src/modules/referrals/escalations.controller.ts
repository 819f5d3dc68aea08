import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Access, CurrentPrincipal, UserPrincipal } from '../../common/auth/access.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { isUuid } from '../../common/http/ids';
import { Page, PageQuery, paginate } from '../../common/http/pagination';
import { Clock } from '../../common/time/clock';
import { deadlinesOf, DeadlinesService, deadlineView } from './deadlines.service';
import {
  EscalationPage,
  EscalationResponse,
  MoveDeadlineDto,
  MovedDeadlineResponse,
} from './dto/escalation.dto';
import { Referral } from './referral.entity';

/** Open referrals whose bank missed the current stage's deadline (the sweep marked it). */
const ESCALATED = `((r.status = 'submitted' AND r.overdue_stage = 'acknowledge')
  OR (r.status = 'acknowledged' AND r.overdue_stage = 'contact')
  OR (r.status = 'contacted' AND r.overdue_stage = 'decide'))`;

@ApiTags('deadlines and escalations (admin)')
@Controller('admin')
@Access('admin')
@ApiProblems(401, 403)
export class EscalationsController {
  constructor(
    @InjectRepository(Referral) private readonly referrals: Repository<Referral>,
    private readonly deadlines: DeadlinesService,
    private readonly clock: Clock,
  ) {}

  @Get('escalations')
  @ApiOperation({ summary: 'Referrals whose bank missed a deadline and has not acted since' })
  @ApiOkResponse({ type: EscalationPage })
  @ApiProblems(400)
  async list(@Query() query: PageQuery): Promise<Page<EscalationResponse>> {
    const page = await paginate(
      this.referrals.createQueryBuilder('r').where(ESCALATED),
      'r',
      query,
    );
    return { items: page.items.map(toEscalation), nextCursor: page.nextCursor };
  }

  @Post('referrals/:id/deadline')
  @ApiOperation({
    summary:
      "Move the current stage's deadline (a bank asked for time); later stages move by as many working days",
  })
  @ApiCreatedResponse({ type: MovedDeadlineResponse })
  @ApiProblems(400, 404, 409, 422)
  async move(
    @Param('id') id: string,
    @Body() dto: MoveDeadlineDto,
    @CurrentPrincipal() p: UserPrincipal,
  ): Promise<MovedDeadlineResponse> {
    if (!isUuid(id)) throw DomainError.notFound('The referral');
    const r = await this.deadlines.move(id, new Date(dto.dueAt), dto.note, p.userId);
    const d = deadlinesOf(r);
    return {
      id: r.id,
      status: r.status,
      ...deadlineView(r, this.clock.now()),
      deadlines: d && {
        acknowledge: d.acknowledge.toISOString(),
        contact: d.contact.toISOString(),
        decide: d.decide.toISOString(),
      },
    };
  }
}

function toEscalation(r: Referral): EscalationResponse {
  const d = deadlinesOf(r);
  const stage = r.overdueStage ?? 'acknowledge';
  return {
    referralId: r.id,
    enterpriseId: r.enterpriseId,
    productCode: r.productCode,
    bankCode: r.bankCode,
    status: r.status,
    stage,
    dueAt: (d ? d[stage] : r.createdAt).toISOString(),
    submittedAt: r.createdAt.toISOString(),
  };
}
