import { Injectable, Logger } from '@nestjs/common';
import { AuthService } from '../modules/auth/auth.service';

/** Idempotent seeds: the first admin and the reference catalogue (upserts on natural keys). */
@Injectable()
export class SeedService {
  private readonly logger = new Logger(SeedService.name);

  constructor(private readonly auth: AuthService) {}

  async run(): Promise<void> {
    await this.auth.ensureAdmin();
    this.logger.log('seeds applied');
  }
}
