import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
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
import {
  ApiKeyIssuedResponse,
  ApiKeyPage,
  ApiKeyResponse,
  BankPage,
  BankResponse,
  BankWithSecretResponse,
  CreateBankDto,
  UpdateBankDto,
} from './dto/bank.dto';
import { PartnersService, toBankResponse } from './partners.service';

@ApiTags('partner banks (admin)')
@Controller('admin/banks')
@Access('admin')
@ApiProblems(401, 403)
export class PartnersController {
  constructor(private readonly partners: PartnersService) {}

  @Post()
  @ApiOperation({ summary: 'Create a partner bank; the response alone shows its webhook secret' })
  @ApiCreatedResponse({ type: BankWithSecretResponse })
  @ApiProblems(400, 409, 422)
  create(
    @Body() dto: CreateBankDto,
    @CurrentPrincipal() p: UserPrincipal,
  ): Promise<BankWithSecretResponse> {
    return this.partners.create(dto, p.userId);
  }

  @Get()
  @ApiOperation({ summary: 'List partner banks' })
  @ApiOkResponse({ type: BankPage })
  @ApiProblems(400)
  list(@Query() query: PageQuery): Promise<Page<BankResponse>> {
    return this.partners.list(query);
  }

  @Get(':code')
  @ApiOperation({ summary: 'One partner bank' })
  @ApiOkResponse({ type: BankResponse })
  @ApiProblems(404)
  async get(@Param('code') code: string): Promise<BankResponse> {
    return toBankResponse(await this.partners.get(code));
  }

  @Patch(':code')
  @ApiOperation({
    summary: 'Edit a bank, rotate its webhook secret, deactivate or re-enable its endpoint',
  })
  @ApiOkResponse({ type: BankWithSecretResponse })
  @ApiProblems(400, 404, 422)
  update(
    @Param('code') code: string,
    @Body() dto: UpdateBankDto,
    @CurrentPrincipal() p: UserPrincipal,
  ): Promise<BankWithSecretResponse> {
    return this.partners.update(code, dto, p.userId);
  }

  @Post(':code/api-keys')
  @ApiOperation({ summary: 'Issue an API key for the bank (shown once)' })
  @ApiCreatedResponse({ type: ApiKeyIssuedResponse })
  @ApiProblems(404)
  issueKey(
    @Param('code') code: string,
    @CurrentPrincipal() p: UserPrincipal,
  ): Promise<ApiKeyIssuedResponse> {
    return this.partners.issueApiKey(code, p.userId);
  }

  @Get(':code/api-keys')
  @ApiOperation({ summary: "List the bank's API keys (prefixes only)" })
  @ApiOkResponse({ type: ApiKeyPage })
  @ApiProblems(400, 404)
  listKeys(@Param('code') code: string, @Query() query: PageQuery): Promise<Page<ApiKeyResponse>> {
    return this.partners.listApiKeys(code, query);
  }

  @Delete(':code/api-keys/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API key; it stops working at once' })
  @ApiNoContentResponse()
  @ApiProblems(404)
  revokeKey(
    @Param('code') code: string,
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentPrincipal() p: UserPrincipal,
  ): Promise<void> {
    return this.partners.revokeApiKey(code, id, p.userId);
  }
}
