import { Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { Repository } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { DomainError } from '../../common/errors/domain-error';
import { RegisterDto, TokenResponse, UserResponse } from './dto/auth.dto';
import { User, UserRole } from './user.entity';

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function toUserResponse(user: User): UserResponse {
  return { id: user.id, email: user.email, role: user.role, displayName: user.displayName };
}

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);
  // Verified against when the email is unknown, so both failures cost the same time.
  private dummyHash: Promise<string> | undefined;

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  async register(dto: RegisterDto, role: UserRole = 'sme'): Promise<UserResponse> {
    const email = dto.email.trim().toLowerCase();
    const passwordHash = await argon2.hash(dto.password, ARGON2_OPTIONS);
    const inserted = await this.users
      .createQueryBuilder()
      .insert()
      .values({ email, role, passwordHash, displayName: dto.displayName ?? null })
      .orIgnore()
      .returning('*')
      .execute();
    const row = inserted.raw[0] as Record<string, unknown> | undefined;
    if (!row) {
      throw DomainError.conflict('An account with this email already exists.', [
        { path: 'email', code: 'taken', message: 'email is already registered' },
      ]);
    }
    return {
      id: row.id as string,
      email,
      role,
      displayName: (row.display_name as string | null) ?? null,
    };
  }

  async login(emailInput: string, password: string): Promise<TokenResponse> {
    const email = emailInput.trim().toLowerCase();
    const user = await this.users.findOne({ where: { email } });
    const hash = user?.passwordHash ?? (await this.dummy());
    const ok = await argon2.verify(hash, password).catch(() => false);
    if (!user || !ok) throw DomainError.unauthenticated('Email or password is incorrect.');
    const expiresIn = this.config.auth.jwtExpiresInSeconds;
    const accessToken = await this.jwt.signAsync({ sub: user.id, role: user.role }, { expiresIn });
    return { accessToken, tokenType: 'Bearer', expiresIn };
  }

  async me(userId: string): Promise<UserResponse> {
    const user = await this.users.findOne({ where: { id: userId } });
    if (!user) throw DomainError.unauthenticated();
    return toUserResponse(user);
  }

  /** Creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD if absent (idempotent). */
  async ensureAdmin(): Promise<void> {
    const { email, password } = this.config.admin;
    const existing = await this.users.findOne({ where: { email: email.toLowerCase() } });
    if (existing) return;
    await this.register({ email, password, displayName: 'Administrator' }, 'admin');
    this.logger.log(`created the first admin ${email.toLowerCase()}`);
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= argon2.hash('not-a-real-password-0000', ARGON2_OPTIONS);
    return this.dummyHash;
  }
}
