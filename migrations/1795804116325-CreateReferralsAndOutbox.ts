import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateReferralsAndOutbox1795804116325 implements MigrationInterface {
  name = 'CreateReferralsAndOutbox1795804116325';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "referral" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "owner_id" uuid NOT NULL, "enterprise_id" uuid NOT NULL, "enterprise_version" integer NOT NULL, "product_code" character varying(64) NOT NULL, "product_version" integer NOT NULL, "bank_id" uuid NOT NULL, "bank_code" character varying(64) NOT NULL, "status" character varying(16) NOT NULL, "requested_amount_yuan" bigint NOT NULL, "term_months" integer NOT NULL, "approved_amount_yuan" bigint, "match_outcome" jsonb NOT NULL, "enterprise_snapshot" jsonb NOT NULL, "idempotency_key" character varying(255) NOT NULL, "request_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_referral_idempotency" UNIQUE ("owner_id", "idempotency_key"), CONSTRAINT "PK_a2d3e935a6591168066defec5ad" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_referral_product_bank" ON "referral"  ("product_code", "bank_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_referral_owner_created" ON "referral"  ("owner_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_referral_bank_status_created" ON "referral"  ("bank_id", "status", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "referral_consent" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "referral_id" uuid NOT NULL, "bank_id" uuid NOT NULL, "bank_code" character varying(64) NOT NULL, "purpose_code" character varying(64) NOT NULL, "purpose" jsonb NOT NULL, "data_categories" text array NOT NULL, "consent_text" jsonb NOT NULL, "granted_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_909aaaac3c4e83d14ba7992c23d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_referral_consent_referral" ON "referral_consent"  ("referral_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "referral_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "referral_id" uuid NOT NULL, "type" character varying(16) NOT NULL, "actor" character varying(8) NOT NULL, "amount_yuan" bigint, "reason" character varying(64), "note" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1f356dbe2fffc9e93b0132e1216" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_referral_event_referral" ON "referral_event"  ("referral_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_delivery" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "referral_id" uuid NOT NULL, "event_id" uuid NOT NULL, "event_type" character varying(32) NOT NULL, "bank_id" uuid NOT NULL, "status" character varying(16) NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE, "last_attempt_at" TIMESTAMP WITH TIME ZONE, "last_status_code" integer, "last_error" character varying(500), "delivered_at" TIMESTAMP WITH TIME ZONE, "outbox_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b1ae290239a778f12399db91354" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_webhook_delivery_event" ON "webhook_delivery"  ("event_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_webhook_delivery_referral" ON "webhook_delivery"  ("referral_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_webhook_delivery_status_next" ON "webhook_delivery"  ("status", "next_attempt_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_attempt" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "delivery_id" uuid NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "latency_ms" integer NOT NULL, "status_code" integer, "error" character varying(500), CONSTRAINT "PK_e4ff77b66cdd20591ba6189a1f9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_webhook_attempt_delivery" ON "webhook_attempt"  ("delivery_id", "started_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "outbox" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "queue" character varying(64) NOT NULL, "job_name" character varying(64) NOT NULL, "payload" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "dispatched_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_340ab539f309f03bdaa14aa7649" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_outbox_undispatched" ON "outbox"  ("created_at") WHERE dispatched_at IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_outbox_undispatched"`);
    await queryRunner.query(`DROP TABLE "outbox"`);
    await queryRunner.query(`DROP INDEX "public"."ix_webhook_attempt_delivery"`);
    await queryRunner.query(`DROP TABLE "webhook_attempt"`);
    await queryRunner.query(`DROP INDEX "public"."ix_webhook_delivery_status_next"`);
    await queryRunner.query(`DROP INDEX "public"."ix_webhook_delivery_referral"`);
    await queryRunner.query(`DROP INDEX "public"."uq_webhook_delivery_event"`);
    await queryRunner.query(`DROP TABLE "webhook_delivery"`);
    await queryRunner.query(`DROP INDEX "public"."ix_referral_event_referral"`);
    await queryRunner.query(`DROP TABLE "referral_event"`);
    await queryRunner.query(`DROP INDEX "public"."uq_referral_consent_referral"`);
    await queryRunner.query(`DROP TABLE "referral_consent"`);
    await queryRunner.query(`DROP INDEX "public"."ix_referral_bank_status_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_referral_owner_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_referral_product_bank"`);
    await queryRunner.query(`DROP TABLE "referral"`);
  }
}
