import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, UserPrincipal } from '../../common/auth/access.decorator';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { EnterpriseProfileDto } from '../enterprises/dto/enterprise-profile.dto';
import { EnterprisesService, toPlainProfile } from '../enterprises/enterprises.service';
import { MatchPreviewResponse, MatchRunResponse } from './dto/match.response';
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
  preview(@Body() dto: EnterpriseProfileDto): MatchPreviewResponse {
    const profile = toPlainProfile(dto);
    this.enterprises.checkProfile(profile);
    const { derived, results } = this.matching.evaluate(profile);
    return { derived: derived as never, results: results as never };
  }

  @Get('match-runs/:id')
  @Access('sme', 'admin')
  @ApiOperation({ summary: 'A stored match run' })
  @ApiOkResponse({ type: MatchRunResponse })
  @ApiProblems(401, 403, 404)
  async run(@Param('id') id: string, @CurrentPrincipal() p: UserPrincipal): Promise<MatchRunResponse> {
    const run = await this.matching.getRun(id);
    await this.enterprises.getVisible(p, run.enterpriseId); // 404 for another SME's run
    return toMatchRunResponse(run);
  }
}
