import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddMatchRunQuestions1796203867246 implements MigrationInterface {
  name = 'AddMatchRunQuestions1796203867246';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "match_run" ADD "questions" jsonb NOT NULL DEFAULT '[]'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "match_run" DROP COLUMN "questions"`);
  }
}
