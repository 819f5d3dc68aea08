import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/**
 * An admin's word on one day (docs/deadlines.md): working or not, whatever the official schedule
 * or the weekday says. Entering a newly published holiday schedule this way extends the calendar.
 */
@Entity('calendar_override')
export class CalendarOverride {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** YYYY-MM-DD, Asia/Shanghai. */
  @Column({ type: 'date', unique: true })
  date: string;

  @Column({ type: 'boolean' })
  working: boolean;

  @Column({ type: 'varchar', length: 200 })
  note: string;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
