import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { DataSource, EntityManager, IsNull, Repository } from 'typeorm';
import { Principal } from '../../common/auth/access.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { Clock } from '../../common/time/clock';
import { AppConfig } from '../../config/app-config';
import { PasswordToken, PasswordTokenPurpose, RefreshToken } from './auth-token.entity';
import {
  ChangePasswordDto,
  RegisterDto,
  TokenResponse,
  UpdateMeDto,
  UserResponse,
} from './dto/auth.dto';
import { User, UserRole } from './user.entity';

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** How long a one-time set-password token stays usable. */
export const PASSWORD_TOKEN_TTL_MS = 72 * 3600_000;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

/** Tokens are 256-bit random, so a fast hash is enough to keep the stored value useless. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function toUserResponse(user: User, bankCode?: string | null): UserResponse {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    displayName: user.displayName,
    ...(bankCode ? { bankCode } : {}),
    emailNotifications: user.emailNotifications,
  };
}

/** An access token plus, for browsers, the refresh token that goes into the httpOnly cookie. */
export interface Session {
  token: TokenResponse;
  refreshToken: string;
  refreshExpiresAt: Date;
}

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);
  // Verified against when the email is unknown, so both failures cost the same time.
  private dummyHash: Promise<string> | undefined;

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async register(dto: RegisterDto, role: UserRole = 'sme'): Promise<UserResponse> {
    const email = dto.email.trim().toLowerCase();
    const passwordHash = await hashPassword(dto.password);
    const inserted = await this.users
      .createQueryBuilder()
      .insert()
      .values({ email, role, passwordHash, displayName: dto.displayName ?? null })
      .orIgnore()
      .returning('*')
      .execute();
    const row = inserted.raw[0] as Record<string, unknown> | undefined;
    if (!row) throw emailTaken();
    return {
      id: row.id as string,
      email,
      role,
      displayName: (row.display_name as string | null) ?? null,
      emailNotifications: row.email_notifications as boolean,
    };
  }

  async login(emailInput: string, password: string): Promise<Session> {
    const email = emailInput.trim().toLowerCase();
    const user = await this.users.findOne({ where: { email }, relations: { bank: true } });
    const hash = user?.passwordHash ?? (await this.dummy());
    const ok = await argon2.verify(hash, password).catch(() => false);
    const usable =
      user && user.passwordHash && !user.disabledAt && (!user.bank || user.bank.active);
    if (!usable || !ok) throw DomainError.unauthenticated('Email or password is incorrect.');
    return this.dataSource.transaction((em) => this.startSession(em, user, randomUUID()));
  }

  async me(principal: Principal): Promise<UserResponse> {
    if (!principal.userId)
      throw DomainError.forbidden('An API key is not a user; there is no "me".');
    const user = await this.users.findOne({
      where: { id: principal.userId },
      relations: { bank: true },
    });
    if (!user) throw DomainError.unauthenticated();
    return toUserResponse(user, user.bank?.code);
  }

  /**
   * The caller behind a verified access token, read from the database on every request: a disabled
   * account, a changed role or a deactivated bank stops the token at once.
   */
  async principalFor(userId: string, claimedRole: string): Promise<Principal | null> {
    // One statement on every authenticated request (findOne with a relation would send two).
    const user = await this.users
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.bank', 'bank')
      .where('u.id = :userId', { userId })
      .getOne();
    if (!user || user.disabledAt || user.role !== claimedRole) return null;
    if (user.role === 'bank') {
      if (!user.bank?.active) return null;
      return {
        kind: 'bank',
        bankId: user.bank.id,
        bankCode: user.bank.code,
        apiKeyId: null,
        userId: user.id,
      };
    }
    return { kind: 'user', userId: user.id, role: user.role };
  }

  /** A one-time token to choose a password; only its hash is kept. */
  async issuePasswordToken(
    em: EntityManager,
    userId: string,
    purpose: PasswordTokenPurpose,
    ttlMs = PASSWORD_TOKEN_TTL_MS,
  ): Promise<{ token: string; expiresAt: Date }> {
    const token = newToken();
    const expiresAt = new Date(this.clock.now().getTime() + ttlMs);
    await em
      .getRepository(PasswordToken)
      .insert({ userId, purpose, tokenHash: sha256(token), expiresAt });
    return { token, expiresAt };
  }

  /**
   * Sets a new password, either with a one-time token (spent on use) or, for a signed-in user,
   * with the current password. Every browser session of the account ends.
   */
  async changePassword(dto: ChangePasswordDto, caller: Principal | undefined): Promise<void> {
    const hasToken = dto.token !== undefined;
    if (hasToken === (dto.currentPassword !== undefined)) {
      throw DomainError.invalid([
        {
          path: hasToken ? 'currentPassword' : 'token',
          code: 'one_of',
          message: 'send either token or currentPassword, not both',
        },
      ]);
    }
    const passwordHash = await hashPassword(dto.newPassword);
    await this.dataSource.transaction(async (em) => {
      let userId: string;
      if (hasToken) {
        const now = this.clock.now();
        const row = await em.getRepository(PasswordToken).findOne({
          where: { tokenHash: sha256(dto.token!), usedAt: IsNull() },
          lock: { mode: 'pessimistic_write' },
        });
        if (!row || row.expiresAt <= now) {
          throw DomainError.unacceptable([
            {
              path: 'token',
              code: 'token_invalid',
              message: 'the link has expired or was already used; ask for a new one',
            },
          ]);
        }
        await em.getRepository(PasswordToken).update(row.id, { usedAt: now });
        userId = row.userId;
      } else {
        if (!caller?.userId) throw DomainError.unauthenticated();
        const user = await em.getRepository(User).findOneBy({ id: caller.userId });
        const ok = user?.passwordHash
          ? await argon2.verify(user.passwordHash, dto.currentPassword!).catch(() => false)
          : false;
        if (!ok) {
          throw DomainError.unacceptable([
            {
              path: 'currentPassword',
              code: 'incorrect',
              message: 'current password is incorrect',
            },
          ]);
        }
        userId = caller.userId;
      }
      await em.getRepository(User).update(userId, { passwordHash });
      await this.endSessions(em, userId);
    });
  }

  /** Rotates a refresh token: the presented one is spent, a new one of the same family returned. */
  async refresh(presented: string | undefined): Promise<Session> {
    if (!presented) throw DomainError.unauthenticated('No session; sign in again.');
    const outcome = await this.dataSource.transaction(async (em) => {
      const repo = em.getRepository(RefreshToken);
      const row = await repo.findOne({
        where: { tokenHash: sha256(presented) },
        lock: { mode: 'pessimistic_write' },
      });
      const now = this.clock.now();
      if (!row || row.revokedAt || row.expiresAt <= now) return null;
      if (row.replacedAt) {
        // A spent token came back: it was copied. End the whole family so the thief's copy dies too.
        await repo.update({ familyId: row.familyId, revokedAt: IsNull() }, { revokedAt: now });
        this.logger.warn(`refresh token reuse detected; session family ${row.familyId} revoked`);
        return 'reused' as const;
      }
      const user = await em
        .getRepository(User)
        .findOne({ where: { id: row.userId }, relations: { bank: true } });
      if (!user || user.disabledAt || (user.bank && !user.bank.active)) return null;
      await repo.update(row.id, { replacedAt: now });
      return this.startSession(em, user, row.familyId);
    });
    if (outcome === null || outcome === 'reused')
      throw DomainError.unauthenticated('The session has ended; sign in again.');
    return outcome;
  }

  /** Ends the browser session the refresh token belongs to (idempotent). */
  async logout(presented: string | undefined): Promise<void> {
    if (!presented) return;
    const row = await this.dataSource
      .getRepository(RefreshToken)
      .findOneBy({ tokenHash: sha256(presented) });
    if (!row) return;
    await this.dataSource
      .getRepository(RefreshToken)
      .update({ familyId: row.familyId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
  }

  /** Revokes every refresh token of the account (password change, account disabled). */
  async endSessions(em: EntityManager, userId: string): Promise<void> {
    await em
      .getRepository(RefreshToken)
      .update({ userId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
  }

  async updateMe(userId: string, dto: UpdateMeDto): Promise<UserResponse> {
    const changes = {
      ...(dto.emailNotifications !== undefined
        ? { emailNotifications: dto.emailNotifications }
        : {}),
      ...(dto.displayName !== undefined ? { displayName: dto.displayName } : {}),
    };
    if (Object.keys(changes).length) await this.users.update(userId, changes);
    return this.me({ kind: 'user', userId, role: 'sme' });
  }

  /** Creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD if absent (idempotent). */
  async ensureAdmin(): Promise<void> {
    const { email, password } = this.config.admin;
    const existing = await this.users.findOne({ where: { email: email.toLowerCase() } });
    if (existing) return;
    await this.register({ email, password, displayName: 'Administrator' }, 'admin');
    this.logger.log(`created the first admin ${email.toLowerCase()}`);
  }

  private async startSession(em: EntityManager, user: User, familyId: string): Promise<Session> {
    const expiresIn = this.config.auth.jwtExpiresInSeconds;
    const accessToken = await this.jwt.signAsync({ sub: user.id, role: user.role }, { expiresIn });
    const refreshToken = newToken();
    const refreshExpiresAt = new Date(
      this.clock.now().getTime() + this.config.auth.refreshTokenTtlSeconds * 1000,
    );
    await em.getRepository(RefreshToken).insert({
      userId: user.id,
      familyId,
      tokenHash: sha256(refreshToken),
      expiresAt: refreshExpiresAt,
    });
    return {
      token: { accessToken, tokenType: 'Bearer', expiresIn },
      refreshToken,
      refreshExpiresAt,
    };
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= hashPassword('not-a-real-password-0000');
    return this.dummyHash;
  }
}

export function emailTaken(): DomainError {
  return DomainError.conflict('An account with this email already exists.', [
    { path: 'email', code: 'taken', message: 'email is already registered' },
  ]);
}
