import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, UserPrincipal } from '../../common/auth/access.decorator';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { Page, PageQuery } from '../../common/http/pagination';
import { ClaimsService } from './claims.service';
import {
  AdminClaimPage,
  AdminClaimResponse,
  ClaimPage,
  ClaimResponse,
  CreateClaimDto,
  DecideClaimDto,
  ListClaimsQuery,
} from './dto/claim.dto';

@ApiTags('enterprises and matching')
@Controller('enterprises/claims')
@Access('sme')
@ApiProblems(401, 403)
export class EnterpriseClaimsController {
  constructor(private readonly claims: ClaimsService) {}

  @Post()
  @ApiOperation({
    summary: 'Claim an enterprise whose credit code another account registered',
    description:
      'The statement says why the enterprise is yours and refers to its business licence or a letter of authorisation; an administrator decides.',
  })
  @ApiCreatedResponse({ type: ClaimResponse })
  @ApiProblems(400, 409, 422)
  create(
    @Body() dto: CreateClaimDto,
    @CurrentPrincipal() p: UserPrincipal,
  ): Promise<ClaimResponse> {
    return this.claims.create(p, dto);
  }

  @Get()
  @ApiOperation({ summary: "The caller's claims, newest first" })
  @ApiOkResponse({ type: ClaimPage })
  @ApiProblems(400)
  list(
    @Query() query: PageQuery,
    @CurrentPrincipal() p: UserPrincipal,
  ): Promise<Page<ClaimResponse>> {
    return this.claims.listOwn(p, query);
  }
}

@ApiTags('enterprise claims (admin)')
@Controller('admin/enterprise-claims')
@Access('admin')
@ApiProblems(401, 403)
export class AdminClaimsController {
  constructor(private readonly claims: ClaimsService) {}

  @Get()
  @ApiOperation({ summary: 'Claims, newest first, filterable by status' })
  @ApiOkResponse({ type: AdminClaimPage })
  @ApiProblems(400)
  list(@Query() query: ListClaimsQuery): Promise<Page<AdminClaimResponse>> {
    return this.claims.list(query.status, query);
  }

  @Post(':id/decide')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Transfer the enterprise to the claimant, or reject the claim; both SMEs are told',
  })
  @ApiOkResponse({ type: AdminClaimResponse })
  @ApiProblems(400, 404, 409)
  decide(
    @Param('id') id: string,
    @Body() dto: DecideClaimDto,
    @CurrentPrincipal() p: UserPrincipal,
  ): Promise<AdminClaimResponse> {
    return this.claims.decide(p, id, dto);
  }
}
