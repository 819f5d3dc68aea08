import { MigrationInterface, QueryRunner } from 'typeorm';

/** The deadline sweep's backfill reads open referrals without deadlines through this (small) index. */
export class IndexReferralsWithoutDeadline1796209093993 implements MigrationInterface {
  name = 'IndexReferralsWithoutDeadline1796209093993';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_referral_without_deadline" ON "referral"  ("product_code") WHERE acknowledge_due_at IS NULL AND status IN ('submitted', 'acknowledged', 'contacted')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_referral_without_deadline"`);
  }
}
