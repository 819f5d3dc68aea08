import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { APP_OPTIONS, createFastifyAdapter, setupApp } from './app.setup';
import { exitWithFatal, setJsonLogLevel, useJsonLogs } from './common/json-logs';
import { enforceShutdownDeadline, keepRunningOnSigusr2 } from './common/shutdown';
import { prepareRuntimeEnv } from './config/runtime-env';
import { runMigrations } from './database/migrate';
import { SeedService } from './seeding/seed.service';

/** API entrypoint (APP_ROLE api or all): migrate, seed, serve. */
async function bootstrap(): Promise<void> {
  const started = Date.now();
  useJsonLogs();
  const { env } = await prepareRuntimeEnv();
  setJsonLogLevel(env.LOG_LEVEL);
  await runMigrations(env.DATABASE_URL);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRole(env.APP_ROLE),
    createFastifyAdapter(env.BODY_LIMIT_BYTES),
    { ...APP_OPTIONS, bufferLogs: true },
  );
  setupApp(app);
  enforceShutdownDeadline(env.SHUTDOWN_TIMEOUT_MS);
  keepRunningOnSigusr2();
  if (env.SEED_ON_START) await app.get(SeedService).run();
  await app.listen(env.PORT, env.HOST);
  new Logger('Bootstrap').log(
    `listening on ${await app.getUrl()} (role ${env.APP_ROLE}) in ${Date.now() - started} ms; docs at /docs`,
  );
}

bootstrap().catch((err: unknown) => exitWithFatal(err, 'the API could not start'));
