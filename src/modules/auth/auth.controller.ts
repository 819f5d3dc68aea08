import { Body, Controller, Get, HttpCode, Patch, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  Access,
  CurrentPrincipal,
  Principal,
  UserPrincipal,
} from '../../common/auth/access.decorator';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { AppConfig } from '../../config/app-config';
import { AuthService } from './auth.service';
import {
  ChangePasswordDto,
  LoginDto,
  RegisterDto,
  TokenResponse,
  UpdateMeDto,
  UserResponse,
} from './dto/auth.dto';
import { clearRefreshCookie, readRefreshCookie, setRefreshCookie } from './session-cookie';

@ApiTags('accounts')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  @Post('register')
  @UseGuards(ThrottlerGuard)
  @Access('public')
  @ApiOperation({ summary: 'Register an SME user' })
  @ApiCreatedResponse({ type: UserResponse })
  @ApiProblems(400, 409, 429)
  register(@Body() dto: RegisterDto): Promise<UserResponse> {
    return this.auth.register(dto);
  }

  @Post('login')
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @Access('public')
  @ApiOperation({
    summary:
      'Exchange email and password for a bearer token; browsers also get an httpOnly refresh cookie',
  })
  @ApiOkResponse({ type: TokenResponse })
  @ApiProblems(400, 401, 429)
  async login(
    @Body() dto: LoginDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenResponse> {
    const session = await this.auth.login(dto.email, dto.password);
    setRefreshCookie(reply, session.refreshToken, session.refreshExpiresAt, this.config.production);
    return session.token;
  }

  @Post('refresh')
  @HttpCode(200)
  @Access('public')
  @ApiOperation({
    summary:
      'A new access token for the browser session in the refresh cookie; the cookie is rotated',
  })
  @ApiOkResponse({ type: TokenResponse })
  @ApiProblems(401)
  async refresh(
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenResponse> {
    try {
      const session = await this.auth.refresh(readRefreshCookie(req));
      setRefreshCookie(
        reply,
        session.refreshToken,
        session.refreshExpiresAt,
        this.config.production,
      );
      return session.token;
    } catch (e) {
      clearRefreshCookie(reply, this.config.production);
      throw e;
    }
  }

  @Post('logout')
  @HttpCode(204)
  @Access('public')
  @ApiOperation({ summary: 'End the browser session in the refresh cookie and clear the cookie' })
  @ApiNoContentResponse()
  async logout(
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.logout(readRefreshCookie(req));
    clearRefreshCookie(reply, this.config.production);
  }

  @Post('password')
  @HttpCode(204)
  @UseGuards(ThrottlerGuard)
  @Access('public')
  @ApiOperation({
    summary:
      'Choose a new password with a one-time token, or (signed in) with the current password; ends every browser session',
  })
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 422, 429)
  changePassword(
    @Body() dto: ChangePasswordDto,
    @CurrentPrincipal() p: Principal | undefined,
  ): Promise<void> {
    return this.auth.changePassword(dto, p);
  }

  @Get('me')
  @Access('admin', 'sme', 'bank')
  @ApiOperation({ summary: 'The signed-in user (bank officers: with their bank code)' })
  @ApiOkResponse({ type: UserResponse })
  @ApiProblems(401, 403)
  me(@CurrentPrincipal() principal: Principal): Promise<UserResponse> {
    return this.auth.me(principal);
  }

  @Patch('me')
  @Access('admin', 'sme')
  @ApiOperation({ summary: 'Change your own settings (email notifications, display name)' })
  @ApiOkResponse({ type: UserResponse })
  @ApiProblems(400, 401)
  updateMe(
    @Body() dto: UpdateMeDto,
    @CurrentPrincipal() principal: UserPrincipal,
  ): Promise<UserResponse> {
    return this.auth.updateMe(principal.userId, dto);
  }
}
