import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddReferralDeadlines1796194258589 implements MigrationInterface {
  name = 'AddReferralDeadlines1796194258589';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "referral" ADD "assigned_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `ALTER TABLE "referral" ADD "acknowledge_due_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(`ALTER TABLE "referral" ADD "contact_due_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "referral" ADD "decide_due_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "referral" ADD "overdue_stage" character varying(16)`);
    await queryRunner.query(
      `CREATE INDEX "ix_referral_decide_due" ON "referral"  ("decide_due_at") WHERE status = 'contacted' AND overdue_stage IS DISTINCT FROM 'decide'`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_referral_contact_due" ON "referral"  ("contact_due_at") WHERE status = 'acknowledged' AND overdue_stage IS DISTINCT FROM 'contact'`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_referral_acknowledge_due" ON "referral"  ("acknowledge_due_at") WHERE status = 'submitted' AND overdue_stage IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_referral_acknowledge_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_referral_contact_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_referral_decide_due"`);
    await queryRunner.query(`ALTER TABLE "referral" DROP COLUMN "overdue_stage"`);
    await queryRunner.query(`ALTER TABLE "referral" DROP COLUMN "decide_due_at"`);
    await queryRunner.query(`ALTER TABLE "referral" DROP COLUMN "contact_due_at"`);
    await queryRunner.query(`ALTER TABLE "referral" DROP COLUMN "acknowledge_due_at"`);
    await queryRunner.query(`ALTER TABLE "referral" DROP COLUMN "assigned_at"`);
  }
}
