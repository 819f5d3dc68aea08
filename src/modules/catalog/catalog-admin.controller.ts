import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { Access, CurrentPrincipal, UserPrincipal } from '../../common/auth/access.decorator';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { Page, PageQuery } from '../../common/http/pagination';
import { VersionParamPipe } from '../../common/http/version-param.pipe';
import { CatalogService } from './catalog.service';
import {
  AdminListProductsQuery,
  AdminProductPage,
  AdminProductResponse,
  CreateProductDto,
  ProductResponse,
  ProductVersionPage,
  ProductVersionSummary,
  PublishResponse,
  UpdateProductDto,
  VersionDiffResponse,
} from './dto/product.dto';
import type { ProductBody } from './product-body';

@ApiTags('catalogue (admin)')
@Controller('admin/products')
@Access('admin')
@ApiProblems(401, 403)
export class CatalogAdminController {
  constructor(private readonly catalog: CatalogService) {}

  @Post()
  @ApiOperation({ summary: 'Create a product as a draft' })
  @ApiCreatedResponse({ type: AdminProductResponse })
  @ApiProblems(400, 409, 422)
  create(
    @Body() dto: CreateProductDto,
    @CurrentPrincipal() p: UserPrincipal,
  ): Promise<AdminProductResponse> {
    const { code, ...body } = dto;
    return this.catalog.create(code, body as unknown as ProductBody, p.userId);
  }

  @Get()
  @ApiOperation({ summary: 'Drafts, published and retired products' })
  @ApiOkResponse({ type: AdminProductPage })
  @ApiProblems(400)
  list(@Query() query: AdminListProductsQuery): Promise<Page<AdminProductResponse>> {
    return this.catalog.adminList(query.status, query);
  }

  @Get(':code')
  @ApiOperation({ summary: 'One product with its draft and latest published version' })
  @ApiOkResponse({ type: AdminProductResponse })
  @ApiProblems(404)
  get(@Param('code') code: string): Promise<AdminProductResponse> {
    return this.catalog.adminGet(code);
  }

  @Patch(':code')
  @ApiOperation({ summary: 'Edit the draft (created from the published version if there is none)' })
  @ApiOkResponse({ type: AdminProductResponse })
  @ApiProblems(400, 404, 422)
  update(
    @Param('code') code: string,
    @Body() dto: UpdateProductDto,
    @CurrentPrincipal() p: UserPrincipal,
  ): Promise<AdminProductResponse> {
    return this.catalog.update(code, dto as unknown as Partial<ProductBody>, p.userId);
  }

  @Post(':code/publish')
  @ApiOperation({ summary: 'Publish the draft as a new immutable version' })
  @ApiCreatedResponse({ type: PublishResponse })
  @ApiProblems(404, 422)
  publish(
    @Param('code') code: string,
    @CurrentPrincipal() p: UserPrincipal,
  ): Promise<PublishResponse> {
    return this.catalog.publish(code, p.userId);
  }

  @Post(':code/retire')
  @ApiOperation({ summary: 'Retire: no longer matched or referable; history kept' })
  @ApiCreatedResponse({ type: AdminProductResponse })
  @ApiProblems(404)
  retire(
    @Param('code') code: string,
    @CurrentPrincipal() p: UserPrincipal,
  ): Promise<AdminProductResponse> {
    return this.catalog.retire(code, p.userId);
  }

  @Get(':code/versions')
  @ApiOperation({ summary: 'Version history' })
  @ApiOkResponse({ type: ProductVersionPage })
  @ApiProblems(400, 404)
  versions(
    @Param('code') code: string,
    @Query() query: PageQuery,
  ): Promise<Page<ProductVersionSummary>> {
    return this.catalog.versionHistory(code, query);
  }

  @Get(':code/versions/:version')
  @ApiOperation({ summary: 'One published version as it was published' })
  @ApiOkResponse({ type: ProductResponse })
  @ApiProblems(400, 404)
  version(
    @Param('code') code: string,
    @Param('version', VersionParamPipe) version: number,
  ): Promise<ProductResponse> {
    return this.catalog.version(code, version);
  }

  @Get(':code/diff')
  @ApiOperation({ summary: 'What changed between two published versions' })
  @ApiQuery({ name: 'from', type: Number })
  @ApiQuery({ name: 'to', type: Number })
  @ApiOkResponse({ type: VersionDiffResponse })
  @ApiProblems(400, 404)
  diff(
    @Param('code') code: string,
    @Query('from', VersionParamPipe) from: number,
    @Query('to', VersionParamPipe) to: number,
  ): Promise<VersionDiffResponse> {
    return this.catalog.diff(code, from, to);
  }
}
