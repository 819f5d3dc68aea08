import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateEnterpriseClaims1796194160997 implements MigrationInterface {
  name = 'CreateEnterpriseClaims1796194160997';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "enterprise_claim" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "claimant_id" uuid NOT NULL, "uscc" character varying(18) NOT NULL, "enterprise_id" uuid NOT NULL, "statement" text NOT NULL, "status" character varying(16) NOT NULL, "previous_owner_id" uuid, "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "note" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0b05a6fffda3abd3ed08d41aa77" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_enterprise_claim_claimant_created" ON "enterprise_claim"  ("claimant_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_enterprise_claim_status_created" ON "enterprise_claim"  ("status", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_enterprise_claim_open" ON "enterprise_claim"  ("claimant_id", "uscc") WHERE status = 'open'`,
    );
    await queryRunner.query(
      `ALTER TABLE "enterprise" ADD "visible_from_version" integer NOT NULL DEFAULT '1'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "enterprise" DROP COLUMN "visible_from_version"`);
    await queryRunner.query(`DROP INDEX "public"."uq_enterprise_claim_open"`);
    await queryRunner.query(`DROP INDEX "public"."ix_enterprise_claim_status_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_enterprise_claim_claimant_created"`);
    await queryRunner.query(`DROP TABLE "enterprise_claim"`);
  }
}
