import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAccounts1795803392772 implements MigrationInterface {
  name = 'CreateAccounts1795803392772';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "partner_bank" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(64) NOT NULL, "name_zh" character varying(200) NOT NULL, "name_en" character varying(200) NOT NULL, "region_codes" text array NOT NULL DEFAULT '{}', "webhook_url" character varying(2000), "webhook_secret_enc" text, "webhook_disabled_at" TIMESTAMP WITH TIME ZONE, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d687d4bed96fe079cf62a644d6b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_partner_bank_code" ON "partner_bank"  ("code") `,
    );
    await queryRunner.query(
      `CREATE TABLE "bank_api_key" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "bank_id" uuid NOT NULL, "prefix" character varying(16) NOT NULL, "key_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_8b500b51955e193bb6cac6f37c5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_bank_api_key_bank" ON "bank_api_key"  ("bank_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_bank_api_key_prefix" ON "bank_api_key"  ("prefix") `,
    );
    await queryRunner.query(
      `CREATE TABLE "app_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(254) NOT NULL, "role" character varying(16) NOT NULL, "password_hash" character varying(200) NOT NULL, "display_name" character varying(100), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_app_user_email" ON "app_user"  ("email") `);
    await queryRunner.query(
      `ALTER TABLE "bank_api_key" ADD CONSTRAINT "FK_181f0218540ccb872ac8b74e67b" FOREIGN KEY ("bank_id") REFERENCES "partner_bank"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "bank_api_key" DROP CONSTRAINT "FK_181f0218540ccb872ac8b74e67b"`,
    );
    await queryRunner.query(`DROP INDEX "public"."uq_app_user_email"`);
    await queryRunner.query(`DROP TABLE "app_user"`);
    await queryRunner.query(`DROP INDEX "public"."uq_bank_api_key_prefix"`);
    await queryRunner.query(`DROP INDEX "public"."ix_bank_api_key_bank"`);
    await queryRunner.query(`DROP TABLE "bank_api_key"`);
    await queryRunner.query(`DROP INDEX "public"."uq_partner_bank_code"`);
    await queryRunner.query(`DROP TABLE "partner_bank"`);
  }
}
