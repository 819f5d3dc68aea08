import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Re-routing (docs/routing.md): one consent record per bank a referral goes to (instead of one per
 * referral), the bank on every timeline event (so that a decline names its bank after the referral
 * moved on), a mark for referrals no bank could take over, and cancelled webhooks.
 */
export class ReroutingConsentPerBank1796210000000 implements MigrationInterface {
  name = 'ReroutingConsentPerBank1796210000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_referral_consent_referral"`);
    await queryRunner.query(`DROP INDEX "public"."uq_webhook_delivery_event"`);
    await queryRunner.query(
      `ALTER TABLE "referral" ADD "reroute_exhausted_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `ALTER TABLE "referral_consent" ADD "allow_reroute" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `ALTER TABLE "referral_consent" ADD "basis" character varying(24) NOT NULL DEFAULT 'submission'`,
    );
    await queryRunner.query(`ALTER TABLE "referral_event" ADD "bank_id" uuid`);
    await queryRunner.query(`ALTER TABLE "referral_event" ADD "from_bank_id" uuid`);
    // Until now a referral never changed banks: every event happened with its current bank.
    await queryRunner.query(
      `UPDATE "referral_event" e SET "bank_id" = r."bank_id" FROM "referral" r WHERE r."id" = e."referral_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "referral_event" ALTER COLUMN "type" TYPE character varying(24)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_referral_reroute_exhausted" ON "referral"  ("reroute_exhausted_at") WHERE reroute_exhausted_at IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_referral_reroute_due" ON "referral"  ("acknowledge_due_at") WHERE status = 'submitted' AND overdue_stage = 'acknowledge' AND reroute_exhausted_at IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "referral_consent" ADD CONSTRAINT "uq_referral_consent_referral_bank" UNIQUE ("referral_id", "bank_id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_delivery" ADD CONSTRAINT "uq_webhook_delivery_event_bank" UNIQUE ("event_id", "bank_id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "webhook_delivery" DROP CONSTRAINT "uq_webhook_delivery_event_bank"`,
    );
    await queryRunner.query(
      `ALTER TABLE "referral_consent" DROP CONSTRAINT "uq_referral_consent_referral_bank"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_referral_reroute_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_referral_reroute_exhausted"`);
    // The older schema has no re-routes: their events, extra consents and second deliveries go.
    await queryRunner.query(
      `DELETE FROM "webhook_delivery" d USING "referral_event" e WHERE e."id" = d."event_id" AND e."type" IN ('rerouted', 'reroute_exhausted')`,
    );
    await queryRunner.query(
      `DELETE FROM "referral_event" WHERE "type" IN ('rerouted', 'reroute_exhausted')`,
    );
    await queryRunner.query(
      `DELETE FROM "referral_consent" c USING "referral" r WHERE r."id" = c."referral_id" AND c."bank_id" <> r."bank_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "referral_event" ALTER COLUMN "type" TYPE character varying(16)`,
    );
    await queryRunner.query(`ALTER TABLE "referral_event" DROP COLUMN "from_bank_id"`);
    await queryRunner.query(`ALTER TABLE "referral_event" DROP COLUMN "bank_id"`);
    await queryRunner.query(`ALTER TABLE "referral_consent" DROP COLUMN "basis"`);
    await queryRunner.query(`ALTER TABLE "referral_consent" DROP COLUMN "allow_reroute"`);
    await queryRunner.query(`ALTER TABLE "referral" DROP COLUMN "reroute_exhausted_at"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_webhook_delivery_event" ON "webhook_delivery" USING btree ("event_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_referral_consent_referral" ON "referral_consent" USING btree ("referral_id") `,
    );
  }
}
