import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, UserPrincipal } from '../../common/auth/access.decorator';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { BankProductsDto, BankProductsResponse } from '../partners/dto/bank.dto';
import { BankProductsService } from './bank-products.service';

@ApiTags('partner banks (admin)')
@Controller('admin/banks/:code/products')
@Access('admin')
@ApiProblems(401, 403, 404)
export class BankProductsController {
  constructor(private readonly links: BankProductsService) {}

  @Get()
  @ApiOperation({ summary: 'The products the bank takes referrals for' })
  @ApiOkResponse({ type: BankProductsResponse })
  get(@Param('code') code: string): Promise<BankProductsResponse> {
    return this.links.get(code);
  }

  @Put()
  @ApiOperation({
    summary:
      'Set the products the bank takes referrals for, without republishing them (audited; routing uses it at once)',
  })
  @ApiOkResponse({ type: BankProductsResponse })
  @ApiProblems(400, 422)
  put(
    @Param('code') code: string,
    @Body() dto: BankProductsDto,
    @CurrentPrincipal() p: UserPrincipal,
  ): Promise<BankProductsResponse> {
    return this.links.replace(code, dto.productCodes, p.userId);
  }
}
