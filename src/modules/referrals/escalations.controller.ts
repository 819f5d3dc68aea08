import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Access, CurrentPrincipal, UserPrincipal } from '../../common/auth/access.decorator';
import { ReassignReferralDto, ReferralResponse } from './dto/referral.dto';
import { ReferralsService } from './referrals.service';
import { DomainError } from '../../common/errors/domain-error';
import { ApiProblemCodes, ApiProblems } from '../../common/http/api-problems.decorator';
import { isUuid } from '../../common/http/ids';
import { Page, PageQuery, paginate } from '../../common/http/pagination';
import { Clock } from '../../common/time/clock';
import { stageOf } from '../calendar/domain/deadlines';
import { deadlinesOf, DeadlinesService, deadlineView } from './deadlines.service';
import {
  EscalationPage,
  EscalationResponse,
  MoveDeadlineDto,
  MovedDeadlineResponse,
} from './dto/escalation.dto';
import { Referral } from './referral.entity';

/** Open referrals whose bank missed the current stage's deadline (the sweep marked it). */
const OVERDUE = `((r.status = 'submitted' AND r.overdue_stage = 'acknowledge')
  OR (r.status = 'acknowledged' AND r.overdue_stage = 'contact')
  OR (r.status = 'contacted' AND r.overdue_stage = 'decide'))`;
/** ... and referrals a re-route found no bank for (they keep their state, declined included). */
const ESCALATED = `(${OVERDUE} OR r.reroute_exhausted_at IS NOT NULL)`;

@ApiTags('deadlines and escalations (admin)')
@Controller('admin')
@Access('admin')
@ApiProblems(401, 403)
export class EscalationsController {
  constructor(
    @InjectRepository(Referral) private readonly referrals: Repository<Referral>,
    private readonly deadlines: DeadlinesService,
    private readonly referralsService: ReferralsService,
    private readonly clock: Clock,
  ) {}

  @Get('escalations')
  @ApiOperation({
    summary:
      'Referrals whose bank missed a deadline and has not acted since, and referrals a re-route found no bank for',
  })
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

  @Post('referrals/:id/reassign')
  @ApiOperation({
    summary:
      'Re-route a referral to a named partner bank by hand (needs the SME’s allowReroute; audited)',
    description:
      'Any open referral, or one a bank declined for a reason that is not the applicant’s own. The bank must be a partner of the product serving the enterprise’s region, accepting referrals and under its capacity, must not have had the referral nor declined the enterprise for this product in 90 days; at most 3 banks per referral.',
  })
  @ApiCreatedResponse({ type: ReferralResponse })
  @ApiProblems(404)
  @ApiProblemCodes({
    409: ['invalid_transition', 'reroute_limit_reached', 'consent_required'],
    422: ['no_partner_bank', 'bank_unavailable', 'no_bank_available'],
  })
  reassign(
    @Param('id') id: string,
    @Body() dto: ReassignReferralDto,
    @CurrentPrincipal() p: UserPrincipal,
  ): Promise<ReferralResponse> {
    return this.referralsService.reassign(p, id, dto);
  }
}

function toEscalation(r: Referral): EscalationResponse {
  const d = deadlinesOf(r);
  // The stage the current bank is late with; a declined referral has none.
  const stage =
    r.overdueStage !== null && stageOf(r.status) === r.overdueStage ? r.overdueStage : null;
  return {
    referralId: r.id,
    enterpriseId: r.enterpriseId,
    productCode: r.productCode,
    bankCode: r.bankCode,
    status: r.status,
    reason: r.rerouteExhaustedAt ? 'reroute_exhausted' : 'overdue',
    stage,
    dueAt: stage ? (d ? d[stage] : r.createdAt).toISOString() : null,
    submittedAt: r.createdAt.toISOString(),
    rerouteExhaustedAt: r.rerouteExhaustedAt?.toISOString() ?? null,
  };
}
