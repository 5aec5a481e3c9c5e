import { ApiProperty } from '@nestjs/swagger';
import { IsEnum, IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { PrivacyRequestKind, PrivacyRequestStatus } from './privacy-request.entity.js';

export class FilePrivacyRequestDto {
  @ApiProperty({ enum: [PrivacyRequestKind.Correction, PrivacyRequestKind.Restriction, PrivacyRequestKind.Objection, PrivacyRequestKind.ProfileErasure] })
  @IsEnum(PrivacyRequestKind)
  kind: PrivacyRequestKind;

  @ApiProperty({ maxLength: 2000, description: 'What the person asks for' })
  @IsString()
  @MaxLength(2000)
  @Matches(/\S/, { message: 'details must not be blank' })
  details: string;
}

export class ResolvePrivacyRequestDto {
  @ApiProperty({ enum: [PrivacyRequestStatus.Done, PrivacyRequestStatus.Rejected] })
  @IsIn([PrivacyRequestStatus.Done, PrivacyRequestStatus.Rejected])
  status: PrivacyRequestStatus.Done | PrivacyRequestStatus.Rejected;

  @ApiProperty({ maxLength: 2000, description: 'What was done, or why not (told to the person)' })
  @IsString()
  @MaxLength(2000)
  @Matches(/\S/, { message: 'outcome must not be blank' })
  outcome: string;
}

export class PrivacyRequestViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) delegateId: string;
  @ApiProperty() delegateName: string;
  @ApiProperty({ enum: PrivacyRequestKind }) kind: PrivacyRequestKind;
  @ApiProperty({ enum: PrivacyRequestStatus }) status: PrivacyRequestStatus;
  @ApiProperty({ type: String, nullable: true }) details: string | null;
  @ApiProperty() requestedAt: Date;
  @ApiProperty({ description: 'Answer due (Decree 356/2025/ND-CP)' }) responseDueAt: Date;
  @ApiProperty({ description: 'Carried out at the latest (Decree 356/2025/ND-CP)' }) dueAt: Date;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ type: Date, nullable: true }) completedAt: Date | null;
  @ApiProperty({ type: String, nullable: true }) outcome: string | null;
}

export class BiometricErasureView {
  @ApiProperty({ format: 'uuid' }) requestId: string;
  @ApiProperty() descriptorsDeleted: number;
  @ApiProperty() consentEnded: boolean;
}
