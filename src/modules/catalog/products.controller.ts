import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiPageResponse } from '../../common/http/api-page.decorator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Access } from '../../common/auth/access.decorator';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { withEtag } from '../../common/http/etag';
import { CatalogService } from './catalog.service';
import { ListProductsQuery, ProductResponse } from './dto/product.dto';

const NOT_MODIFIED = {
  status: 304,
  description: 'Not Modified: If-None-Match named the current ETag; no body',
};

@ApiTags('catalogue')
@Controller('products')
@Access('public')
export class ProductsController {
  constructor(private readonly catalog: CatalogService) {}

  @Get()
  @ApiOperation({
    summary:
      'Published products in force (latest version of each); ETag and If-None-Match supported',
  })
  @ApiPageResponse(ProductResponse)
  @ApiResponse(NOT_MODIFIED)
  @ApiProblems(400)
  list(
    @Query() query: ListProductsQuery,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withEtag(req, reply, this.catalog.listPublished(query));
  }

  @Get(':code')
  @ApiOperation({ summary: 'One published product' })
  @ApiOkResponse({ type: ProductResponse })
  @ApiResponse(NOT_MODIFIED)
  @ApiProblems(404)
  get(
    @Param('code') code: string,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withEtag(req, reply, this.catalog.getPublished(code));
  }
}
