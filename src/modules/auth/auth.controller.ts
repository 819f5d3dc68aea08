import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { Access, CurrentPrincipal, UserPrincipal } from '../../common/auth/access.decorator';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { AuthService } from './auth.service';
import { LoginDto, RegisterDto, TokenResponse, UserResponse } from './dto/auth.dto';

@ApiTags('accounts')
@Controller('auth')
@UseGuards(ThrottlerGuard)
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('register')
  @Access('public')
  @ApiOperation({ summary: 'Register an SME user' })
  @ApiCreatedResponse({ type: UserResponse })
  @ApiProblems(400, 409, 429)
  register(@Body() dto: RegisterDto): Promise<UserResponse> {
    return this.auth.register(dto);
  }

  @Post('login')
  @HttpCode(200)
  @Access('public')
  @ApiOperation({ summary: 'Exchange email and password for a bearer token' })
  @ApiOkResponse({ type: TokenResponse })
  @ApiProblems(400, 401, 429)
  login(@Body() dto: LoginDto): Promise<TokenResponse> {
    return this.auth.login(dto.email, dto.password);
  }

  @Get('me')
  @Access('admin', 'sme')
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ type: UserResponse })
  @ApiProblems(401)
  me(@CurrentPrincipal() principal: UserPrincipal): Promise<UserResponse> {
    return this.auth.me(principal.userId);
  }
}
