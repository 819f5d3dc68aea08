import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { FastifyRequest } from 'fastify';
import { ACCESS_KEY, Audience, Principal } from '../../common/auth/access.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { ApiKeysService } from './api-keys.service';

interface AccessTokenClaims {
  sub: string;
  role: 'admin' | 'sme';
}

/**
 * Global guard: every route must declare its audiences with @Access (fail closed otherwise).
 * 401 without valid credentials, 403 with valid credentials of the wrong kind or role.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly apiKeys: ApiKeysService,
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
    if (audiences.includes('public')) return true;

    const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
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
    if (typeof apiKey === 'string' && apiKey.length > 0) {
      const found = await this.apiKeys.authenticate(apiKey);
      return found
        ? { kind: 'bank', bankId: found.bank.id, bankCode: found.bank.code, apiKeyId: found.keyId }
        : null;
    }
    const header = request.headers.authorization;
    if (typeof header !== 'string' || !header.startsWith('Bearer ')) return null;
    try {
      const claims = await this.jwt.verifyAsync<AccessTokenClaims>(header.slice(7), {
        algorithms: ['HS256'],
      });
      if (typeof claims.sub !== 'string' || (claims.role !== 'admin' && claims.role !== 'sme'))
        return null;
      return { kind: 'user', userId: claims.sub, role: claims.role };
    } catch {
      return null;
    }
  }
}
