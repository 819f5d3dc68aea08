import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, BankPrincipal, CurrentPrincipal } from '../../common/auth/access.decorator';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { BankSettingsResponse, UpdateBankSettingsDto } from './dto/bank.dto';
import { PartnersService } from './partners.service';

@ApiTags('bank API')
@Controller('bank/me')
@Access('bank')
@ApiProblems(400, 401, 403)
export class BankSelfController {
  constructor(private readonly partners: PartnersService) {}

  @Get()
  @ApiOperation({ summary: "The calling bank's settings and today's figures" })
  @ApiOkResponse({ type: BankSettingsResponse })
  get(@CurrentPrincipal() p: BankPrincipal): Promise<BankSettingsResponse> {
    return this.partners.settings(p.bankId);
  }

  @Patch()
  @ApiOperation({
    summary: 'Pause or resume referrals, set the daily capacity or the contact (audited)',
  })
  @ApiOkResponse({ type: BankSettingsResponse })
  update(
    @Body() dto: UpdateBankSettingsDto,
    @CurrentPrincipal() p: BankPrincipal,
  ): Promise<BankSettingsResponse> {
    return this.partners.updateSettings(p, dto);
  }
}
