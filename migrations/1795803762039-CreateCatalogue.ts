import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCatalogue1795803762039 implements MigrationInterface {
  name = 'CreateCatalogue1795803762039';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_entry" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "actor_id" uuid, "action" character varying(64) NOT NULL, "entity_type" character varying(32) NOT NULL, "entity_key" character varying(128) NOT NULL, "changes" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_58a130a4b9da189f46ba2a01801" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_audit_entry_entity" ON "audit_entry"  ("entity_type", "entity_key", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "financing_product" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(64) NOT NULL, "draft" jsonb, "latest_version" integer NOT NULL DEFAULT '0', "retired_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_366da408faa22f8134cea771ca1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_financing_product_code" ON "financing_product"  ("code") `,
    );
    await queryRunner.query(
      `CREATE TABLE "financing_product_version" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "product_id" uuid NOT NULL, "version" integer NOT NULL, "body" jsonb NOT NULL, "valid_from" date, "valid_to" date, "published_by" uuid, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_financing_product_version" UNIQUE ("product_id", "version"), CONSTRAINT "PK_d7903f150adcd0453a59cbfd5f7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "financing_product_version" ADD CONSTRAINT "FK_282872c93e0579f189672b12d87" FOREIGN KEY ("product_id") REFERENCES "financing_product"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "financing_product_version" DROP CONSTRAINT "FK_282872c93e0579f189672b12d87"`,
    );
    await queryRunner.query(`DROP TABLE "financing_product_version"`);
    await queryRunner.query(`DROP INDEX "public"."uq_financing_product_code"`);
    await queryRunner.query(`DROP TABLE "financing_product"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_entry_entity"`);
    await queryRunner.query(`DROP TABLE "audit_entry"`);
  }
}
