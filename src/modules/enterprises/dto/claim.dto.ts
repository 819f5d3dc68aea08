import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '../../../common/http/pagination';
import {
  CLAIM_DECISIONS,
  CLAIM_STATUSES,
  ClaimDecision,
  ClaimStatus,
} from '../enterprise-claim.entity';

export class CreateClaimDto {
  @ApiProperty({ example: '91360100MA35F0XA2K', description: 'the contested credit code' })
  @IsString()
  @MaxLength(18)
  uscc: string;

  @ApiProperty({
    minLength: 20,
    maxLength: 2000,
    example:
      '我司为该统一社会信用代码的合法持有人，营业执照（登记机关：南昌市市场监督管理局）及法定代表人授权书可供核验。',
    description:
      'why the enterprise is yours, referring to its business licence or a letter of authorisation',
  })
  @IsString()
  @MinLength(20, { message: 'statement must be at least 20 characters' })
  @MaxLength(2000)
  statement: string;
}

export class DecideClaimDto {
  @ApiProperty({ enum: CLAIM_DECISIONS })
  @IsIn(CLAIM_DECISIONS)
  decision: ClaimDecision;

  @ApiProperty({
    minLength: 1,
    maxLength: 2000,
    example: '营业执照原件与登记信息一致',
    description: 'shown to both SMEs and kept in the audit log',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  note: string;
}

export class ListClaimsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CLAIM_STATUSES })
  @IsOptional()
  @IsIn(CLAIM_STATUSES)
  status?: ClaimStatus;
}

export class ClaimResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '91360100MA35F0XA2K' }) uscc: string;
  @ApiProperty() statement: string;
  @ApiProperty({ enum: CLAIM_STATUSES }) status: ClaimStatus;
  @ApiProperty({ type: String, nullable: true, description: "the admin's note, once decided" })
  note: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt: string | null;
}

class ClaimPartyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true, description: 'null if the account is gone' })
  email: string | null;
}

export class AdminClaimResponse extends ClaimResponse {
  @ApiProperty({ format: 'uuid' }) enterpriseId: string;
  @ApiProperty({ type: ClaimPartyDto }) claimant: ClaimPartyDto;
  @ApiProperty({ type: ClaimPartyDto, description: 'who owns the enterprise now' })
  owner: ClaimPartyDto;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'who owned it when the claim was decided',
  })
  previousOwnerId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) decidedBy: string | null;
}

export class ClaimPage {
  @ApiProperty({ type: [ClaimResponse] }) items: ClaimResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class AdminClaimPage {
  @ApiProperty({ type: [AdminClaimResponse] }) items: AdminClaimResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
