import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ConsentMethod } from './face-consent.entity.js';

export class GiveConsentDto {
  @ApiProperty({ example: '2026-11', description: 'Version of the biometric notice text the delegate was shown; must be the one in force' })
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  noticeVersion: string;

  @ApiPropertyOptional({ example: 'GCN-2026/0153', description: 'Admin only: number of the signed paper consent form' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(/\S/, { message: 'paperReference must not be blank' })
  paperReference?: string;
}

export class ConsentRecordView {
  @ApiProperty({ enum: ConsentMethod }) method: ConsentMethod;
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
  @ApiProperty({ description: 'Notice text version in force' }) currentNoticeVersion: string;
}

export class WithdrawResultView extends ConsentStatusView {
  @ApiProperty({ description: 'Descriptors deleted with the withdrawal' }) descriptorsDeleted: number;
}
