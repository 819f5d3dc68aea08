import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCalendarOverrides1796192163369 implements MigrationInterface {
  name = 'CreateCalendarOverrides1796192163369';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "calendar_override" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "date" date NOT NULL, "working" boolean NOT NULL, "note" character varying(200) NOT NULL, "updated_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_8e0e9700ae5a92aaa00fe40c855" UNIQUE ("date"), CONSTRAINT "PK_6317e24e0075b35a8197aa74eb4" PRIMARY KEY ("id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "calendar_override"`);
  }
}
