import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRematchRunsAndMatchStatuses1796205950061 implements MigrationInterface {
  name = 'CreateRematchRunsAndMatchStatuses1796205950061';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "product_match_status" ("enterprise_id" uuid NOT NULL, "product_code" character varying(64) NOT NULL, "product_version" integer NOT NULL, "status" character varying(16) NOT NULL, "outcomes" jsonb NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_98fa57a9323c21ee138ba720abb" PRIMARY KEY ("enterprise_id", "product_code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "rematch_run" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "product_code" character varying(64) NOT NULL, "product_version" integer NOT NULL, "kind" character varying(8) NOT NULL, "state" character varying(8) NOT NULL DEFAULT 'queued', "total" integer NOT NULL DEFAULT '0', "done" integer NOT NULL DEFAULT '0', "changed" integer NOT NULL DEFAULT '0', "notified" integer NOT NULL DEFAULT '0', "cursor" uuid, "queued_at" TIMESTAMP WITH TIME ZONE NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uq_rematch_run" UNIQUE ("product_code", "product_version", "kind"), CONSTRAINT "PK_22d9de15a03775dff6de0b260bf" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_rematch_run_product_queued" ON "rematch_run"  ("product_code", "queued_at") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_rematch_run_product_queued"`);
    await queryRunner.query(`DROP TABLE "rematch_run"`);
    await queryRunner.query(`DROP TABLE "product_match_status"`);
  }
}
