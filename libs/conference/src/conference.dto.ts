import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Length, Matches } from 'class-validator';

const IDENTITY = /^[A-Za-z0-9_.:-]+$/;

export class ParticipantDto {
  @ApiProperty({ maxLength: 128, description: 'LiveKit identity: a user id, or hall-<meetingId> for the hall device' })
  @IsString()
  @Length(1, 128)
  @Matches(IDENTITY, { message: 'identity may contain letters, digits, _ . : - only' })
  identity: string;
}

export class MuteTrackDto extends ParticipantDto {
  @ApiProperty({ maxLength: 64, example: 'TR_AMkX9fG2' })
  @IsString()
  @Length(1, 64)
  @Matches(IDENTITY, { message: 'trackSid may contain letters, digits, _ . : - only' })
  trackSid: string;

  @ApiPropertyOptional({ default: true, description: 'false unmutes (LiveKit allows it only when the server is configured to)' })
  @IsOptional()
  @IsBoolean()
  muted?: boolean;
}

export class UpdatePermissionsDto extends ParticipantDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  canPublish?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  canSubscribe?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  canPublishData?: boolean;
}
