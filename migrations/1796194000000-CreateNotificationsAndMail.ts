import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateNotificationsAndMail1796194000000 implements MigrationInterface {
  name = 'CreateNotificationsAndMail1796194000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "mail_delivery" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(32) NOT NULL, "notification_id" uuid, "user_id" uuid NOT NULL, "sealed_secret" text, "status" character varying(16) NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE, "last_attempt_at" TIMESTAMP WITH TIME ZONE, "last_error" character varying(500), "delivered_at" TIMESTAMP WITH TIME ZONE, "outbox_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d3538fca7dd3bf4d2f4ffc38a8c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_mail_delivery_notification" ON "mail_delivery"  ("notification_id") WHERE notification_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_mail_delivery_created" ON "mail_delivery"  ("created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_mail_delivery_status_next" ON "mail_delivery"  ("status", "next_attempt_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "enterprise_id" uuid, "type" character varying(40) NOT NULL, "title" jsonb NOT NULL, "body" jsonb NOT NULL, "referral_id" uuid, "product_code" character varying(64), "dedupe_key" character varying(200), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_notification_dedupe" ON "notification"  ("dedupe_key") WHERE dedupe_key IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_notification_user_unread" ON "notification"  ("user_id", "created_at", "id") WHERE read_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_notification_user_created" ON "notification"  ("user_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "app_user" ADD "email_notifications" boolean NOT NULL DEFAULT true`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "email_notifications"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_user_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_user_unread"`);
    await queryRunner.query(`DROP INDEX "public"."uq_notification_dedupe"`);
    await queryRunner.query(`DROP TABLE "notification"`);
    await queryRunner.query(`DROP INDEX "public"."ix_mail_delivery_status_next"`);
    await queryRunner.query(`DROP INDEX "public"."ix_mail_delivery_created"`);
    await queryRunner.query(`DROP INDEX "public"."uq_mail_delivery_notification"`);
    await queryRunner.query(`DROP TABLE "mail_delivery"`);
  }
}
