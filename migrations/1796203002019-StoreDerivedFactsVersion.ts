import { MigrationInterface, QueryRunner } from 'typeorm';

export class StoreDerivedFactsVersion1796203002019 implements MigrationInterface {
  name = 'StoreDerivedFactsVersion1796203002019';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "enterprise_version" ADD "derived_version" integer NOT NULL DEFAULT '0'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "enterprise_version" DROP COLUMN "derived_version"`);
  }
}
