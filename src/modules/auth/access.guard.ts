import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { FastifyRequest } from 'fastify';
import { ACCESS_KEY, Audience, Principal } from '../../common/auth/access.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { ApiKeysService } from './api-keys.service';
import { AuthService } from './auth.service';

interface AccessTokenClaims {
  sub: string;
  role: string;
  exp?: number;
}

/**
 * Global guard: every route must declare its audiences with @Access (fail closed otherwise).
 * 401 without valid credentials, 403 with valid credentials of the wrong kind or role, 400 when a
 * request carries both an API key and a bearer token. A bearer token is checked against the
 * account as stored now, so a disabled account or a deactivated bank is refused at once.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly apiKeys: ApiKeysService,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const audiences = this.reflector.getAllAndOverride<Audience[] | undefined>(ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!audiences?.length) {
      this.logger.error(
        `route ${context.getClass().name}.${context.getHandler().name} declares no @Access`,
      );
      throw DomainError.forbidden();
    }
    const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    if (audiences.includes('public')) {
      // Public routes that also serve signed-in callers (POST /auth/password) see who is calling.
      if (request.headers.authorization)
        request.principal = (await this.authenticate(request)) ?? undefined;
      return true;
    }

    const principal = await this.authenticate(request);
    if (!principal) throw DomainError.unauthenticated();
    const allowed =
      principal.kind === 'bank' ? audiences.includes('bank') : audiences.includes(principal.role);
    if (!allowed) throw DomainError.forbidden();
    request.principal = principal;
    return true;
  }

  private async authenticate(request: FastifyRequest): Promise<Principal | null> {
    const apiKey = request.headers['x-api-key'];
    const header = request.headers.authorization;
    if (apiKey !== undefined && header !== undefined) {
      throw DomainError.invalid([
        {
          path: 'X-Api-Key',
          code: 'ambiguous_credentials',
          message: 'send either X-Api-Key or an Authorization bearer token, not both',
        },
      ]);
    }
    if (typeof apiKey === 'string' && apiKey.length > 0) {
      const found = await this.apiKeys.authenticate(apiKey);
      return found
        ? {
            kind: 'bank',
            bankId: found.bank.id,
            bankCode: found.bank.code,
            apiKeyId: found.keyId,
            userId: null,
          }
        : null;
    }
    if (typeof header !== 'string' || !header.startsWith('Bearer ')) return null;
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(header.slice(7), {
        algorithms: ['HS256'],
      });
    } catch {
      return null;
    }
    // A token without an expiry would never stop working: refuse it.
    if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return null;
    return this.auth.principalFor(claims.sub, claims.role);
  }
}
