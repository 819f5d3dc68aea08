import { Global, Module } from '@nestjs/common';
import { AppConfig } from './app-config';
import { validateEnvironment } from './env.validation';

/**
 * Validates the environment when the application is created (not when this file is imported), so
 * main.ts can first fill in the local defaults (runtime-env.ts).
 */
@Global()
@Module({
  providers: [
    { provide: AppConfig, useFactory: () => new AppConfig(validateEnvironment(process.env)) },
  ],
  exports: [AppConfig],
})
export class ConfigModule {}
