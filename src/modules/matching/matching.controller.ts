import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { RouteSchema } from '@nestjs/platform-fastify';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, UserPrincipal } from '../../common/auth/access.decorator';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import type { EnterpriseProfile } from '../enterprises/domain/profile';
import { EnterpriseProfileDto } from '../enterprises/dto/enterprise-profile.dto';
import { ENTERPRISE_PROFILE_SCHEMA } from '../enterprises/dto/enterprise-profile.schema';
import { EnterprisesService } from '../enterprises/enterprises.service';
import { MatchPreviewResponse, MatchRunResponse, MatchViewQuery } from './dto/match.response';
import { inView } from './match-view';
import { MatchingService, toMatchRunResponse } from './matching.service';

@ApiTags('enterprises and matching')
@Controller()
export class MatchingController {
  constructor(
    private readonly matching: MatchingService,
    private readonly enterprises: EnterprisesService,
  ) {}

  @Post('matches/preview')
  @HttpCode(200)
  @Access('public')
  @ApiOperation({ summary: 'Match a profile against every published product; nothing is stored' })
  @ApiOkResponse({ type: MatchPreviewResponse })
  @ApiProblems(400, 422)
  @ApiBody({ type: EnterpriseProfileDto })
  @RouteSchema({ body: ENTERPRISE_PROFILE_SCHEMA })
  async preview(
    @Body() dto: EnterpriseProfile,
    @Query() query: MatchViewQuery,
  ): Promise<MatchPreviewResponse> {
    // The body is plain JSON already checked against the profile schema (see RouteSchema).
    this.enterprises.checkProfile(dto);
    const { derived, results, questions } = this.matching.evaluate(dto);
    const body = {
      derived: derived as never,
      results: (await this.matching.withOutlooks(results)) as never,
      questions,
    };
    return inView(body, query.view);
  }

  @Get('match-runs/:id')
  @Access('sme', 'admin')
  @ApiOperation({ summary: 'A stored match run' })
  @ApiOkResponse({ type: MatchRunResponse })
  @ApiProblems(400, 401, 403, 404)
  async run(
    @Param('id') id: string,
    @Query() query: MatchViewQuery,
    @CurrentPrincipal() p: UserPrincipal,
  ): Promise<MatchRunResponse> {
    const run = await this.matching.getRun(id);
    // 404 for another SME's run, and for runs on versions written before a claim transfer.
    await this.enterprises.assertVersionVisible(p, run.enterpriseId, run.enterpriseVersion);
    return inView(toMatchRunResponse(run), query.view);
  }
}
