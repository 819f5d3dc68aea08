import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { SecretBox } from '../../common/crypto/secret-box';
import { Clock } from '../../common/time/clock';
import { AppConfig } from '../../config/app-config';
import { resetTokenAad } from '../notifications/mail-delivery.service';
import { OutboxService } from '../notifications/outbox.service';
import { AuthService } from './auth.service';
import { User } from './user.entity';

/**
 * Forgotten passwords: a one-time reset token (stored hashed, like the set-password tokens, and
 * spent at POST /auth/password) mailed as a link through the outbox. The token rides to the worker
 * sealed (AES-256-GCM) in the mail delivery row and is erased once the mail is settled.
 */
@Injectable()
export class PasswordResetService {
  private readonly logger = new Logger(PasswordResetService.name);
  private readonly box: SecretBox;

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly auth: AuthService,
    private readonly outbox: OutboxService,
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.box = new SecretBox(config.secretEncryptionKey);
  }

  /** Same outcome for the caller whether or not the address has an account. */
  async request(emailInput: string): Promise<void> {
    if (!this.config.mail.enabled) {
      this.logger.warn('password reset asked for, but no SMTP_URL is set: no mail is sent');
      return;
    }
    const email = emailInput.trim().toLowerCase();
    const user = await this.users.findOne({ where: { email }, relations: { bank: true } });
    if (!user || user.disabledAt || (user.bank && !user.bank.active)) return;
    await this.dataSource.transaction(async (em) => {
      const { token } = await this.auth.issuePasswordToken(
        em,
        user.id,
        'reset_password',
        this.config.passwordResetTtlSeconds * 1000,
      );
      await this.outbox.enqueueMail(em, {
        kind: 'password_reset',
        userId: user.id,
        sealedSecret: this.box.seal(token, resetTokenAad(user.id)),
        at: this.clock.now(),
      });
    });
  }
}
