import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { RouteSchema } from '@nestjs/platform-fastify';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, UserPrincipal } from '../../common/auth/access.decorator';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { Page, PageQuery } from '../../common/http/pagination';
import { MatchRunResponse, MatchViewQuery } from '../matching/dto/match.response';
import { inView } from '../matching/match-view';
import { MatchingService } from '../matching/matching.service';
import type { EnterpriseProfile } from './domain/profile';
import { EnterpriseProfileDto } from './dto/enterprise-profile.dto';
import { ENTERPRISE_PROFILE_SCHEMA } from './dto/enterprise-profile.schema';
import {
  EnterprisePage,
  EnterpriseResponse,
  EnterpriseVersionPage,
  EnterpriseVersionSummary,
} from './dto/enterprise.response';
import { EnterprisesService } from './enterprises.service';

@ApiTags('enterprises and matching')
@Controller('enterprises')
@ApiProblems(401, 403)
export class EnterprisesController {
  constructor(
    private readonly enterprises: EnterprisesService,
    private readonly matching: MatchingService,
  ) {}

  @Post()
  @Access('sme')
  @ApiOperation({ summary: 'Register an enterprise profile (one per credit code)' })
  @ApiCreatedResponse({ type: EnterpriseResponse })
  @ApiProblems(400, 409, 422)
  @ApiBody({ type: EnterpriseProfileDto })
  @RouteSchema({ body: ENTERPRISE_PROFILE_SCHEMA })
  async create(
    @Body() dto: EnterpriseProfile,
    @CurrentPrincipal() p: UserPrincipal,
  ): Promise<EnterpriseResponse> {
    const created = await this.enterprises.create(p, dto);
    await this.matching.refreshStatuses(created.id, dto);
    return created;
  }

  @Get()
  @Access('sme', 'admin')
  @ApiOperation({ summary: "The caller's enterprises (all of them for an admin), newest first" })
  @ApiOkResponse({ type: EnterprisePage })
  @ApiProblems(400)
  list(
    @Query() query: PageQuery,
    @CurrentPrincipal() p: UserPrincipal,
  ): Promise<Page<EnterpriseResponse>> {
    return this.enterprises.list(p, query);
  }

  @Get(':id')
  @Access('sme', 'admin')
  @ApiOperation({ summary: 'One enterprise with its current profile and derived facts' })
  @ApiOkResponse({ type: EnterpriseResponse })
  @ApiProblems(404)
  get(@Param('id') id: string, @CurrentPrincipal() p: UserPrincipal): Promise<EnterpriseResponse> {
    return this.enterprises.get(p, id);
  }

  @Put(':id')
  @Access('sme')
  @ApiOperation({ summary: 'Replace the profile; the previous version is kept' })
  @ApiOkResponse({ type: EnterpriseResponse })
  @ApiProblems(400, 404, 409, 422)
  @ApiBody({ type: EnterpriseProfileDto })
  @RouteSchema({ body: ENTERPRISE_PROFILE_SCHEMA })
  async replace(
    @Param('id') id: string,
    @Body() dto: EnterpriseProfile,
    @CurrentPrincipal() p: UserPrincipal,
  ): Promise<EnterpriseResponse> {
    const replaced = await this.enterprises.replace(p, id, dto);
    await this.matching.refreshStatuses(id, dto);
    return replaced;
  }

  @Get(':id/versions')
  @Access('sme', 'admin')
  @ApiOperation({ summary: 'Every version of the profile' })
  @ApiOkResponse({ type: EnterpriseVersionPage })
  @ApiProblems(400, 404)
  versions(
    @Param('id') id: string,
    @Query() query: PageQuery,
    @CurrentPrincipal() p: UserPrincipal,
  ): Promise<Page<EnterpriseVersionSummary>> {
    return this.enterprises.history(p, id, query);
  }

  @Post(':id/matches')
  @Access('sme')
  @ApiOperation({
    summary: 'Match the current profile against every published product and store the run',
  })
  @ApiCreatedResponse({ type: MatchRunResponse })
  @ApiProblems(400, 404, 409)
  async match(
    @Param('id') id: string,
    @Query() query: MatchViewQuery,
    @CurrentPrincipal() p: UserPrincipal,
  ): Promise<MatchRunResponse> {
    const { enterprise, current } = await this.enterprises.getOwned(p, id);
    // The run is stored whole; the view only shapes this answer.
    const run = await this.matching.storeRun(enterprise.id, current.version, current.profile);
    return inView(run, query.view);
  }
}
