import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Who changed what in the catalogue or the partner banks, and when (append-only). */
@Entity('audit_entry')
@Index('ix_audit_entry_entity', ['entityType', 'entityKey', 'createdAt'])
@Index('ix_audit_entry_actor', ['actorId', 'createdAt'])
@Index('ix_audit_entry_created', ['createdAt'])
export class AuditEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** A user id, a bank API key id (actorKind `api_key`), or null for the system (seeds, jobs). */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_kind', type: 'varchar', length: 16, default: 'user' })
  actorKind: 'user' | 'api_key' | 'system';

  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 32 })
  entityType: string;

  @Column({ name: 'entity_key', type: 'varchar', length: 128 })
  entityKey: string;

  /** What changed: `{ field: { from, to } }`, secrets never included. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  changes: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
