import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { Principal } from '../../common/auth/access.decorator';
import { Page, paginate } from '../../common/http/pagination';
import { AuditEntry } from './audit-entry.entity';
import type { AuditQuery } from './audit.dto';

export interface AuditActor {
  actorId: string | null;
  actorKind?: 'user' | 'api_key' | 'system';
}

export interface AuditRecord extends AuditActor {
  action: string;
  entityType:
    | 'product'
    | 'bank'
    | 'api_key'
    | 'delivery'
    | 'calendar'
    | 'bank_user'
    | 'bank_product'
    | 'mail_delivery'
    | 'enterprise'
    | 'enterprise_claim'
    | 'referral';
  entityKey: string;
  changes?: Record<string, unknown>;
}

/** Who did it: a signed-in user (admin or bank officer) or a bank's API key. */
export function auditActor(principal: Principal): AuditActor {
  if (principal.kind === 'bank' && principal.apiKeyId)
    return { actorId: principal.apiKeyId, actorKind: 'api_key' };
  return { actorId: principal.userId, actorKind: 'user' };
}

/** Field-by-field difference of two flat-ish records, for the audit trail and version diffs. */
export function diffRecords(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key]))
      out[key] = { from: before[key] ?? null, to: after[key] ?? null };
  }
  return out;
}

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>) {}

  /** Writes in the caller's transaction when given one, so the change and its record commit together. */
  async record(entry: AuditRecord, manager?: EntityManager): Promise<void> {
    const repo = manager ? manager.getRepository(AuditEntry) : this.entries;
    const actorKind = entry.actorKind ?? (entry.actorId === null ? 'system' : 'user');
    await repo.insert({ ...entry, actorKind, changes: (entry.changes ?? {}) as never });
  }

  /** Newest first, filtered by entity type (optionally one key) and by actor. */
  async list(query: AuditQuery): Promise<Page<AuditEntry>> {
    const qb = this.entries.createQueryBuilder('a').where('1 = 1');
    if (query.entity) qb.andWhere('a.entity_type = :type', { type: query.entity });
    if (query.entityKey) qb.andWhere('a.entity_key = :key', { key: query.entityKey });
    if (query.actor) qb.andWhere('a.actor_id = :actor', { actor: query.actor });
    if (query.action) qb.andWhere('a.action = :action', { action: query.action });
    return paginate(qb, 'a', query);
  }
}
