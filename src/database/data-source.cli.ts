// Entry for the TypeORM CLI (migration:generate / migration:revert): `-d dist/src/database/data-source.cli.js`.
import { DataSource } from 'typeorm';
import { cliDatabaseUrl } from '../config/cli-env';
import { dataSourceOptions } from './data-source-options';

export default new DataSource(dataSourceOptions(cliDatabaseUrl(), 2));
