import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { exitWithFatal, setJsonLogLevel, useJsonLogs } from './common/json-logs';
import { enforceShutdownDeadline, keepRunningOnSigusr2, SHUTDOWN_SIGNALS } from './common/shutdown';
import { prepareRuntimeEnv } from './config/runtime-env';
import { runMigrations } from './database/migrate';

/** Worker entrypoint: the same modules without HTTP; runs the outbox relay and webhook deliveries. */
async function bootstrap(): Promise<void> {
  process.env.APP_ROLE = 'worker';
  useJsonLogs();
  const { env } = await prepareRuntimeEnv();
  setJsonLogLevel(env.LOG_LEVEL);
  await runMigrations(env.DATABASE_URL);
  const app = await NestFactory.createApplicationContext(AppModule.forRole(env.APP_ROLE), {
    bufferLogs: true,
  });
  app.useLogger(app.get(PinoLogger));
  app.enableShutdownHooks([...SHUTDOWN_SIGNALS]);
  enforceShutdownDeadline(env.SHUTDOWN_TIMEOUT_MS);
  keepRunningOnSigusr2();
  new Logger('Worker').log('worker started');
}

bootstrap().catch((err: unknown) => exitWithFatal(err, 'the worker could not start'));
