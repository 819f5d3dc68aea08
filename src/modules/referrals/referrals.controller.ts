import { Body, Controller, Get, Headers, Param, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  Access,
  BankPrincipal,
  CurrentPrincipal,
  Principal,
  UserPrincipal,
} from '../../common/auth/access.decorator';
import { ApiProblemCodes, ApiProblems } from '../../common/http/api-problems.decorator';
import { Page } from '../../common/http/pagination';
import {
  BankEventDto,
  CreateReferralDto,
  ListReferralsQuery,
  ReferralCreatedResponse,
  ReferralEventResponse,
  ReferralPage,
  ReferralResponse,
  RerouteReferralDto,
} from './dto/referral.dto';
import { ReferralsService } from './referrals.service';

@ApiTags('referrals')
@Controller('referrals')
@ApiProblems(401, 403)
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Post()
  @Access('sme')
  @ApiOperation({
    summary: 'Refer the enterprise to a partner bank (eligibility re-checked; consent recorded)',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description:
      'same key and body → the same 201; same key, other body → 422 idempotency_key_reused',
  })
  @ApiCreatedResponse({ type: ReferralCreatedResponse })
  @ApiProblems(400, 404, 422)
  submit(
    @Body() dto: CreateReferralDto,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentPrincipal() p: UserPrincipal,
  ): Promise<ReferralCreatedResponse> {
    return this.referrals.submit(p, key, dto);
  }

  @Get()
  @Access('sme', 'admin', 'bank')
  @ApiOperation({
    summary: "Referrals the caller may see (an SME's own, a bank's routed ones, all for admins)",
  })
  @ApiOkResponse({ type: ReferralPage })
  @ApiProblems(400)
  list(
    @Query() query: ListReferralsQuery,
    @CurrentPrincipal() p: Principal,
  ): Promise<Page<ReferralResponse>> {
    return this.referrals.list(p, query);
  }

  @Get(':id')
  @Access('sme', 'admin', 'bank')
  @ApiOperation({ summary: 'One referral with its timeline and webhook delivery state' })
  @ApiOkResponse({ type: ReferralResponse })
  @ApiProblems(404)
  get(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<ReferralResponse> {
    return this.referrals.get(p, id);
  }

  @Post(':id/withdraw')
  @Access('sme')
  @ApiOperation({ summary: 'Withdraw before approval (the bank is told by webhook)' })
  @ApiCreatedResponse({ type: ReferralResponse })
  @ApiProblems(404, 409)
  withdraw(
    @Param('id') id: string,
    @CurrentPrincipal() p: UserPrincipal,
  ): Promise<ReferralResponse> {
    return this.referrals.withdraw(p, id);
  }

  @Post(':id/reroute')
  @Access('sme')
  @ApiOperation({
    summary:
      'Move the referral to another partner bank, with fresh consent, after its bank missed a deadline or declined',
    description:
      'Without bankCode the least-loaded partner bank of the product in the enterprise’s region that has not had the referral and has not declined the enterprise for this product in 90 days; at most 3 banks per referral. The deadlines start again; the previous bank is told by a referral.reassigned webhook and no longer sees the referral.',
  })
  @ApiCreatedResponse({ type: ReferralResponse })
  @ApiProblems(404)
  @ApiProblemCodes({
    409: ['invalid_transition', 'reroute_limit_reached'],
    422: ['validation_failed', 'no_partner_bank', 'bank_unavailable', 'no_bank_available'],
  })
  reroute(
    @Param('id') id: string,
    @Body() dto: RerouteReferralDto,
    @CurrentPrincipal() p: UserPrincipal,
  ): Promise<ReferralResponse> {
    return this.referrals.reroute(p, id, dto);
  }
}

@ApiTags('bank API')
@Controller('bank/referrals')
@Access('bank')
@ApiProblems(401, 403)
export class BankReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Get()
  @ApiOperation({ summary: 'Referrals routed to the calling bank, newest first' })
  @ApiOkResponse({ type: ReferralPage })
  @ApiProblems(400)
  list(
    @Query() query: ListReferralsQuery,
    @CurrentPrincipal() p: BankPrincipal,
  ): Promise<Page<ReferralResponse>> {
    return this.referrals.list(p, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One referral with the consented enterprise snapshot' })
  @ApiOkResponse({ type: ReferralResponse })
  @ApiProblems(404)
  get(@Param('id') id: string, @CurrentPrincipal() p: BankPrincipal): Promise<ReferralResponse> {
    return this.referrals.get(p, id);
  }

  @Post(':id/events')
  @ApiOperation({
    summary: 'Move the referral through its lifecycle (409 invalid_transition when not allowed)',
  })
  @ApiCreatedResponse({ type: ReferralEventResponse })
  @ApiProblems(400, 404, 409, 422)
  event(
    @Param('id') id: string,
    @Body() dto: BankEventDto,
    @CurrentPrincipal() p: BankPrincipal,
  ): Promise<ReferralEventResponse> {
    return this.referrals.postBankEvent(p, id, dto);
  }
}
