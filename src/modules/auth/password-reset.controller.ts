import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { Access } from '../../common/auth/access.decorator';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { PasswordResetDto, PasswordResetResponse } from './dto/auth.dto';
import { PasswordResetService } from './password-reset.service';

const ANSWER: PasswordResetResponse = {
  message: {
    zh: '如果该邮箱已注册，我们已发送一封重设密码的邮件，请查收。',
    en: 'If an account uses this address, we have sent it an email with a link to reset the password.',
  },
};

@ApiTags('accounts')
@Controller('auth')
export class PasswordResetController {
  constructor(private readonly resets: PasswordResetService) {}

  @Post('password-reset')
  @HttpCode(202)
  @UseGuards(ThrottlerGuard)
  @Access('public')
  @ApiOperation({
    summary: 'Mail a one-time link to choose a new password (used at POST /auth/password)',
    description:
      'The answer is the same whether or not the address has an account. Without SMTP_URL no mail is sent.',
  })
  @ApiAcceptedResponse({ type: PasswordResetResponse })
  @ApiProblems(400, 429)
  async request(@Body() dto: PasswordResetDto): Promise<PasswordResetResponse> {
    await this.resets.request(dto.email);
    return ANSWER;
  }
}
