import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../../common/auth/access.decorator';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { ImpactRequestDto, ImpactResponse, RematchProgressResponse } from './dto/impact.dto';
import { ImpactService } from './impact.service';
import { RematchService } from './rematch.service';

@ApiTags('catalogue (admin)')
@Controller('admin/products')
@Access('admin')
@ApiProblems(401, 403)
export class RematchController {
  constructor(
    private readonly impact: ImpactService,
    private readonly rematch: RematchService,
  ) {}

  @Post(':code/impact')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Who gains and who loses: the draft (or {version}) against the version in force',
    description:
      'Evaluates every enterprise’s latest profile; nothing is stored and nobody is notified.',
  })
  @ApiOkResponse({ type: ImpactResponse })
  @ApiProblems(400, 404, 422)
  preview(@Param('code') code: string, @Body() dto: ImpactRequestDto): Promise<ImpactResponse> {
    return this.impact.preview(code, dto.version);
  }

  @Get(':code/rematch')
  @ApiOperation({
    summary: 'Progress of the latest re-match (after a publish or a retirement)',
  })
  @ApiOkResponse({ type: RematchProgressResponse })
  @ApiProblems(404)
  progress(@Param('code') code: string): Promise<RematchProgressResponse> {
    return this.rematch.progress(code);
  }
}
