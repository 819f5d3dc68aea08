import { MigrationInterface, QueryRunner } from 'typeorm';

export class BankOfficersLinksAndRouting1796193000000 implements MigrationInterface {
  name = 'BankOfficersLinksAndRouting1796193000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "password_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "purpose" character varying(16) NOT NULL, "token_hash" character(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4b36905cda55c809d6c39cb74f1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_password_token_user" ON "password_token"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_password_token_hash" ON "password_token"  ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "refresh_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "family_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "replaced_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b575dd3c21fb0831013c909e7fe" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_refresh_token_user" ON "refresh_token"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_refresh_token_family" ON "refresh_token"  ("family_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_refresh_token_hash" ON "refresh_token"  ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "bank_product" ("bank_id" uuid NOT NULL, "product_code" character varying(64) NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_70cd9fa8a3917d8bde6bb656b04" PRIMARY KEY ("bank_id", "product_code"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_bank_product_product" ON "bank_product"  ("product_code") `,
    );
    await queryRunner.query(
      `ALTER TABLE "audit_entry" ADD "actor_kind" character varying(16) NOT NULL DEFAULT 'user'`,
    );
    await queryRunner.query(
      `ALTER TABLE "partner_bank" ADD "accepting_referrals" boolean NOT NULL DEFAULT true`,
    );
    await queryRunner.query(`ALTER TABLE "partner_bank" ADD "daily_capacity" integer`);
    await queryRunner.query(`ALTER TABLE "partner_bank" ADD "contact" jsonb`);
    await queryRunner.query(`ALTER TABLE "app_user" ADD "bank_id" uuid`);
    await queryRunner.query(`ALTER TABLE "app_user" ADD "disabled_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "referral_event" ADD "actor_user_id" uuid`);
    await queryRunner.query(`ALTER TABLE "referral_event" ADD "actor_api_key_id" uuid`);
    await queryRunner.query(`ALTER TABLE "app_user" ALTER COLUMN "password_hash" DROP NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX "ix_audit_entry_created" ON "audit_entry"  ("created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_audit_entry_actor" ON "audit_entry"  ("actor_id", "created_at") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_app_user_bank" ON "app_user"  ("bank_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_referral_consent_bank_granted" ON "referral_consent"  ("bank_id", "granted_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "app_user" ADD CONSTRAINT "ck_app_user_bank" CHECK ((role = 'bank') = (bank_id IS NOT NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "app_user" ADD CONSTRAINT "FK_8c40fdf7171e980b95ed8d694e2" FOREIGN KEY ("bank_id") REFERENCES "partner_bank"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "password_token" ADD CONSTRAINT "FK_9e8ecfe7cf983db4925e8e85593" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "refresh_token" ADD CONSTRAINT "FK_6bbe63d2fe75e7f0ba1710351d4" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "bank_product" ADD CONSTRAINT "FK_14592aabf920c7c0534b3015954" FOREIGN KEY ("bank_id") REFERENCES "partner_bank"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "bank_product" ADD CONSTRAINT "FK_a09a10813f596130281c869c8d2" FOREIGN KEY ("product_code") REFERENCES "financing_product"("code") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Existing data: the links come from each product's latest published partnerBankCodes, and
    // audit rows without an actor were written by the seeds (the system).
    await queryRunner.query(`INSERT INTO "bank_product" ("bank_id", "product_code")
            SELECT DISTINCT b."id", p."code"
            FROM "financing_product" p
            JOIN "financing_product_version" v ON v."product_id" = p."id" AND v."version" = p."latest_version"
            CROSS JOIN LATERAL jsonb_array_elements_text(v."body"->'partnerBankCodes') AS c("code")
            JOIN "partner_bank" b ON b."code" = c."code"
            ON CONFLICT DO NOTHING`);
    await queryRunner.query(
      `UPDATE "audit_entry" SET "actor_kind" = 'system' WHERE "actor_id" IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "bank_product" DROP CONSTRAINT "FK_a09a10813f596130281c869c8d2"`,
    );
    await queryRunner.query(
      `ALTER TABLE "bank_product" DROP CONSTRAINT "FK_14592aabf920c7c0534b3015954"`,
    );
    await queryRunner.query(
      `ALTER TABLE "refresh_token" DROP CONSTRAINT "FK_6bbe63d2fe75e7f0ba1710351d4"`,
    );
    await queryRunner.query(
      `ALTER TABLE "password_token" DROP CONSTRAINT "FK_9e8ecfe7cf983db4925e8e85593"`,
    );
    await queryRunner.query(
      `ALTER TABLE "app_user" DROP CONSTRAINT "FK_8c40fdf7171e980b95ed8d694e2"`,
    );
    await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "ck_app_user_bank"`);
    await queryRunner.query(`DROP INDEX "public"."ix_referral_consent_bank_granted"`);
    await queryRunner.query(`DROP INDEX "public"."ix_app_user_bank"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_entry_actor"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_entry_created"`);
    // Officers who never set a password cannot survive the NOT NULL; bank officers do not exist before.
    await queryRunner.query(`DELETE FROM "app_user" WHERE "role" = 'bank'`);
    await queryRunner.query(`ALTER TABLE "app_user" ALTER COLUMN "password_hash" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "referral_event" DROP COLUMN "actor_api_key_id"`);
    await queryRunner.query(`ALTER TABLE "referral_event" DROP COLUMN "actor_user_id"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "disabled_at"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "bank_id"`);
    await queryRunner.query(`ALTER TABLE "partner_bank" DROP COLUMN "contact"`);
    await queryRunner.query(`ALTER TABLE "partner_bank" DROP COLUMN "daily_capacity"`);
    await queryRunner.query(`ALTER TABLE "partner_bank" DROP COLUMN "accepting_referrals"`);
    await queryRunner.query(`ALTER TABLE "audit_entry" DROP COLUMN "actor_kind"`);
    await queryRunner.query(`DROP INDEX "public"."ix_bank_product_product"`);
    await queryRunner.query(`DROP TABLE "bank_product"`);
    await queryRunner.query(`DROP INDEX "public"."uq_refresh_token_hash"`);
    await queryRunner.query(`DROP INDEX "public"."ix_refresh_token_family"`);
    await queryRunner.query(`DROP INDEX "public"."ix_refresh_token_user"`);
    await queryRunner.query(`DROP TABLE "refresh_token"`);
    await queryRunner.query(`DROP INDEX "public"."uq_password_token_hash"`);
    await queryRunner.query(`DROP INDEX "public"."ix_password_token_user"`);
    await queryRunner.query(`DROP TABLE "password_token"`);
  }
}
