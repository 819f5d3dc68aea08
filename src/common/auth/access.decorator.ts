import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';

/** Who may call a route. Every route declares one or more; a route without it is refused. */
export type Audience = 'public' | 'admin' | 'sme' | 'bank';
export const ACCESS_KEY = 'access:audiences';

/**
 * An admin or SME signed in with a JWT, or a bank acting through one of its API keys (`apiKeyId`)
 * or one of its officers signed in with a JWT (`userId`): both are the same bank on `/bank/...`.
 */
export type Principal =
  | { kind: 'user'; userId: string; role: 'admin' | 'sme' }
  | {
      kind: 'bank';
      bankId: string;
      bankCode: string;
      apiKeyId: string | null;
      userId: string | null;
    };

export type UserPrincipal = Extract<Principal, { kind: 'user' }>;
export type BankPrincipal = Extract<Principal, { kind: 'bank' }>;

export function Access(...audiences: [Audience, ...Audience[]]): MethodDecorator & ClassDecorator {
  const decorators: Array<ClassDecorator | MethodDecorator> = [SetMetadata(ACCESS_KEY, audiences)];
  if (audiences.some((a) => a !== 'public')) decorators.push(ApiBearerAuth('bearer'));
  if (audiences.includes('bank')) decorators.push(ApiSecurity('apiKey'));
  return applyDecorators(...decorators);
}

/** The authenticated caller (undefined on public routes without credentials). */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal | undefined =>
    ctx.switchToHttp().getRequest<{ principal?: Principal }>().principal,
);
