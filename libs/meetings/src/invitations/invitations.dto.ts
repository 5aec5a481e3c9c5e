import { ApiProperty } from '@nestjs/swagger';
import { IsEnum, IsUUID } from 'class-validator';
import { InvitationKind } from '../meeting-invitation.entity.js';

export class InviteDelegateDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  delegateId: string;

  @ApiProperty({ enum: InvitationKind, description: 'member: an active member of the body (votes per the registry); guest: never votes' })
  @IsEnum(InvitationKind)
  kind: InvitationKind;
}
