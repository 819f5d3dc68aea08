import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, BankPrincipal, CurrentPrincipal } from '../../common/auth/access.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { CatalogService } from '../catalog/catalog.service';
import { BankStatsReport, ProductOutlookDto, StatsQuery } from './dto/outcomes.dto';
import { OutcomesService } from './outcomes.service';

@ApiTags('outcomes and statistics')
@Controller()
export class OutcomesController {
  constructor(
    private readonly outcomes: OutcomesService,
    private readonly catalog: CatalogService,
  ) {}

  @Get('admin/stats/banks')
  @Access('admin')
  @ApiOperation({
    summary: "Every partner bank's referral outcomes for the referrals it received in a period",
  })
  @ApiOkResponse({ type: BankStatsReport })
  @ApiProblems(400, 401, 403)
  banks(@Query() q: StatsQuery): Promise<BankStatsReport> {
    return this.outcomes.bankStats(q);
  }

  @Get('bank/stats')
  @Access('bank')
  @ApiOperation({ summary: "The calling bank's referral outcomes for the referrals it received" })
  @ApiOkResponse({ type: BankStatsReport })
  @ApiProblems(400, 401, 403)
  own(@Query() q: StatsQuery, @CurrentPrincipal() p: BankPrincipal): Promise<BankStatsReport> {
    return this.outcomes.bankStats(q, p.bankId);
  }

  @Get('products/:code/outlook')
  @Access('public')
  @ApiOperation({
    summary:
      "How banks decided on the product's referrals in the last 12 months (shown from 10 enterprises and 2 banks)",
  })
  @ApiOkResponse({ type: ProductOutlookDto })
  @ApiProblems(404)
  async outlook(@Param('code') code: string): Promise<ProductOutlookDto> {
    if (!this.catalog.inForce(code)) throw DomainError.notFound(`Product ${code}`);
    return this.outcomes.outlook(code);
  }
}
