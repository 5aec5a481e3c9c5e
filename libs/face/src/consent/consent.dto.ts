import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ConsentEndReason, ConsentMethod, type ConsentEvidence, type ConsentPurpose } from './face-consent.entity.js';

export class GiveConsentDto {
  @ApiProperty({ example: '2026-11', description: 'Version of the biometric notice text the delegate was shown; must be the one in force' })
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  noticeVersion: string;

  @ApiPropertyOptional({ description: 'SHA-256 (hex) of the notice text shown; when given it must be the one in force' })
  @IsOptional()
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'noticeSha256 must be 64 hex characters' })
  noticeSha256?: string;

  @ApiPropertyOptional({ example: 'GCN-2026/0153', description: 'Admin only: number of the signed paper consent form' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(/\S/, { message: 'paperReference must not be blank' })
  paperReference?: string;
}

export class ConsentPurposeView {
  @ApiProperty({ format: 'uuid' }) bodyId: string;
  @ApiProperty() bodyName: string;
}

export class ConsentRecordView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ConsentMethod }) method: ConsentMethod;
  @ApiProperty({ type: String, nullable: true, description: 'SHA-256 of the notice text agreed to' }) noticeSha256: string | null;
  @ApiProperty({ type: [ConsentPurposeView], description: 'Check-in at meetings of these bodies' }) purposes: ConsentPurpose[];
  @ApiProperty({ type: String, nullable: true }) controller: string | null;
  @ApiProperty({ enum: ConsentEndReason, nullable: true }) endReason: ConsentEndReason | null;
  @ApiProperty({ type: String, nullable: true }) paperReference: string | null;
  @ApiProperty() noticeVersion: string;
  @ApiProperty() givenAt: Date;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) recordedBy: string | null;
  @ApiProperty({ type: Date, nullable: true }) withdrawnAt: Date | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) withdrawnBy: string | null;
}

export class ConsentStatusView {
  @ApiProperty({ format: 'uuid' }) delegateId: string;
  @ApiProperty({ description: 'Biometric check-in allowed' }) active: boolean;
  @ApiProperty({ type: ConsentRecordView, nullable: true, description: 'The latest consent (active or withdrawn)' }) consent: ConsentRecordView | null;
  @ApiProperty({ description: 'Active and to the notice in force: the kiosk may match this person' }) authorisesCheckIn: boolean;
  @ApiProperty({ description: 'Active consent to an older notice: agree to the new one to use face check-in again' }) reconsentRequired: boolean;
  @ApiProperty({ type: Date, nullable: true, description: 'When descriptors kept under the older notice are deleted' }) graceEndsAt: Date | null;
  @ApiProperty({ description: 'Notice text version in force' }) currentNoticeVersion: string;
  @ApiProperty({ description: 'SHA-256 of the notice text in force' }) currentNoticeSha256: string;
}

export class NoticeView {
  @ApiProperty() version: string;
  @ApiProperty() sha256: string;
  @ApiProperty() text: string;
  @ApiProperty() inForceFrom: Date;
}

export class ConsentEvidenceView {
  @ApiProperty() sensitiveStatement: string;
  @ApiProperty() rights: string;
  @ApiProperty() withdrawal: string;
  @ApiProperty() contact: string;
}

export class ConsentRecordEntryView extends ConsentRecordView {
  @ApiProperty({ type: ConsentEvidenceView, nullable: true }) evidence: ConsentEvidence | null;
  @ApiProperty({ type: String, nullable: true, description: 'The notice text of that version as shown' }) noticeText: string | null;
  @ApiProperty({ type: String, nullable: true }) noticeTextSha256: string | null;
}

/** The person's consent record: what they agreed to, when, how and who recorded it. */
export class ConsentRecordDocument {
  @ApiProperty({ format: 'uuid' }) delegateId: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ type: String, nullable: true }) title: string | null;
  @ApiProperty() generatedAt: Date;
  @ApiProperty({ type: ConsentStatusView }) status: ConsentStatusView;
  @ApiProperty({ type: [ConsentRecordEntryView] }) consents: ConsentRecordEntryView[];
}

export class WithdrawResultView extends ConsentStatusView {
  @ApiProperty({ description: 'Descriptors deleted with the withdrawal' }) descriptorsDeleted: number;
}
