import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateEnterprisesAndMatchRuns1795803861942 implements MigrationInterface {
  name = 'CreateEnterprisesAndMatchRuns1795803861942';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "enterprise" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "owner_id" uuid NOT NULL, "uscc" character varying(18), "current_version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_09687cd306dc5d486c0e227c471" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_enterprise_uscc" ON "enterprise"  ("uscc") WHERE uscc IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_enterprise_owner_created" ON "enterprise"  ("owner_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "enterprise_version" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "enterprise_id" uuid NOT NULL, "version" integer NOT NULL, "profile" jsonb NOT NULL, "derived" jsonb NOT NULL, "derived_as_of" date NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_enterprise_version" UNIQUE ("enterprise_id", "version"), CONSTRAINT "PK_7fc8195f7e4ec7efa1455c5eaf7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "match_run" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "enterprise_id" uuid NOT NULL, "enterprise_version" integer NOT NULL, "engine_version" character varying(32) NOT NULL, "as_of" date NOT NULL, "product_versions" jsonb NOT NULL, "derived" jsonb NOT NULL, "results" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_cc817fe400873d2c4664c5daef5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_match_run_enterprise_created" ON "match_run"  ("enterprise_id", "created_at") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_match_run_enterprise_created"`);
    await queryRunner.query(`DROP TABLE "match_run"`);
    await queryRunner.query(`DROP TABLE "enterprise_version"`);
    await queryRunner.query(`DROP INDEX "public"."ix_enterprise_owner_created"`);
    await queryRunner.query(`DROP INDEX "public"."uq_enterprise_uscc"`);
    await queryRunner.query(`DROP TABLE "enterprise"`);
  }
}
