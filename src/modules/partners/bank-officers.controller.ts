import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Access, CurrentPrincipal, UserPrincipal } from '../../common/auth/access.decorator';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { Page, PageQuery } from '../../common/http/pagination';
import { BankOfficersService } from './bank-officers.service';
import {
  BankOfficerCreatedResponse,
  BankOfficerPage,
  BankOfficerResponse,
  CreateBankOfficerDto,
} from './dto/bank-officer.dto';

@ApiTags('partner banks (admin)')
@Controller('admin/banks/:code/users')
@Access('admin')
@ApiProblems(401, 403, 404)
export class BankOfficersController {
  constructor(private readonly officers: BankOfficersService) {}

  @Post()
  @ApiOperation({
    summary:
      'Create a bank officer; without a password the answer carries a one-time set-password token',
  })
  @ApiCreatedResponse({ type: BankOfficerCreatedResponse })
  @ApiProblems(400, 409)
  create(
    @Param('code') code: string,
    @Body() dto: CreateBankOfficerDto,
    @CurrentPrincipal() p: UserPrincipal,
  ): Promise<BankOfficerCreatedResponse> {
    return this.officers.create(code, dto, p.userId);
  }

  @Get()
  @ApiOperation({ summary: "The bank's officers, newest first" })
  @ApiOkResponse({ type: BankOfficerPage })
  @ApiProblems(400)
  list(@Param('code') code: string, @Query() query: PageQuery): Promise<Page<BankOfficerResponse>> {
    return this.officers.list(code, query);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Disable an officer; their next request is refused' })
  @ApiNoContentResponse()
  disable(
    @Param('code') code: string,
    @Param('id') id: string,
    @CurrentPrincipal() p: UserPrincipal,
  ): Promise<void> {
    return this.officers.disable(code, id, p.userId);
  }
}
