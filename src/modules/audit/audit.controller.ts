import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../../common/auth/access.decorator';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { Page } from '../../common/http/pagination';
import { AuditEntryResponse, AuditPage, AuditQuery } from './audit.dto';
import { AuditService } from './audit.service';

@ApiTags('audit (admin)')
@Controller('admin/audit')
@Access('admin')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'Who changed what and when, newest first' })
  @ApiOkResponse({ type: AuditPage })
  @ApiProblems(400, 401, 403)
  async list(@Query() query: AuditQuery): Promise<Page<AuditEntryResponse>> {
    const page = await this.audit.list(query);
    return {
      items: page.items.map((a) => ({
        id: a.id,
        actorId: a.actorId,
        actorKind: a.actorKind,
        action: a.action,
        entityType: a.entityType,
        entityKey: a.entityKey,
        changes: a.changes,
        createdAt: a.createdAt.toISOString(),
      })),
      nextCursor: page.nextCursor,
    };
  }
}
