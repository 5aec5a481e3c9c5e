import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEnum, IsOptional, IsUUID } from 'class-validator';
import { InvitationKind } from '../meeting-invitation.entity.js';

export class InviteDelegateDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  delegateId: string;

  @ApiProperty({
    enum: InvitationKind,
    description: 'member: an active member of the body (votes per the registry); guest: never votes; substitute: attends for the member named in substituteFor, may speak, never votes, not in the quorum',
  })
  @IsEnum(InvitationKind)
  kind: InvitationKind;

  @ApiPropertyOptional({ format: 'uuid', description: 'substitute only: the invited member they attend for' })
  @IsOptional()
  @IsUUID()
  substituteFor?: string;
}

export class SendNoticeDto {
  @ApiPropertyOptional({ description: 'true: send again to everyone invited; false/absent: only to those not yet notified' })
  @IsOptional()
  @IsBoolean()
  resend?: boolean;
}
