import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDateString, IsEnum, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { MeetingMode, MeetingStatus } from '../meeting-status.js';
import { AgendaItemInputDto } from '../agenda/agenda.dto.js';

export class CreateMeetingDto {
  @ApiProperty({ format: 'uuid', description: 'The body (e.g. UBND) whose active members are all invited' })
  @IsUUID()
  bodyId: string;

  @ApiProperty({ maxLength: 500, example: 'Phiên họp thường kỳ tháng 12' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  title: string;

  @ApiPropertyOptional({ maxLength: 300, nullable: true, example: 'Phòng họp tầng 3, 12 Lê Lai' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  location?: string | null;

  @ApiProperty({ format: 'date-time' })
  @IsDateString({ strict: true })
  @MaxLength(40)
  startsAt: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Must be after startsAt' })
  @IsOptional()
  @IsDateString({ strict: true })
  @MaxLength(40)
  endsAt?: string | null;

  @ApiPropertyOptional({ enum: MeetingMode, default: MeetingMode.Hybrid })
  @IsOptional()
  @IsEnum(MeetingMode)
  mode?: MeetingMode;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 2, description: 'Quorum = numerator/denominator of all members; 0 < n/d <= 1' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  quorumNumerator?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 3 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  quorumDenominator?: number;

  @ApiPropertyOptional({ maxLength: 200, nullable: true, example: 'Nguyễn Văn Phong, Chủ tịch UBND Thành phố', description: 'Who presides (chủ tọa), as the minutes name them' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  chairName?: string | null;

  @ApiPropertyOptional({ maxLength: 200, nullable: true, description: 'Who keeps the minutes (thư ký)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  secretaryName?: string | null;

  @ApiPropertyOptional({ maxLength: 1000, description: 'Administrator only: the legal basis (document, article) of a quorum below the legal profile floor' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  quorumOverrideBasis?: string;

  @ApiPropertyOptional({ type: [AgendaItemInputDto], maxItems: 200 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => AgendaItemInputDto)
  agenda?: AgendaItemInputDto[];
}

export class UpdateMeetingDto {
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  title?: string;

  @ApiPropertyOptional({ maxLength: 300, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  location?: string | null;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsDateString({ strict: true })
  @MaxLength(40)
  startsAt?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsDateString({ strict: true })
  @MaxLength(40)
  endsAt?: string | null;

  @ApiPropertyOptional({ enum: MeetingMode })
  @IsOptional()
  @IsEnum(MeetingMode)
  mode?: MeetingMode;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  quorumNumerator?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  quorumDenominator?: number;

  @ApiPropertyOptional({ maxLength: 200, nullable: true, example: 'Nguyễn Văn Phong, Chủ tịch UBND Thành phố', description: 'Who presides (chủ tọa), as the minutes name them' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  chairName?: string | null;

  @ApiPropertyOptional({ maxLength: 200, nullable: true, description: 'Who keeps the minutes (thư ký)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  secretaryName?: string | null;

  @ApiPropertyOptional({ maxLength: 1000, description: 'Administrator only: the legal basis (document, article) of a quorum below the legal profile floor' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  quorumOverrideBasis?: string;
}

export class ChangeStatusDto {
  @ApiProperty({ enum: MeetingStatus, description: 'draft -> scheduled -> open -> in_session -> closed; scheduled -> draft' })
  @IsEnum(MeetingStatus)
  status: MeetingStatus;

  @ApiPropertyOptional({ description: 'Opening the session (in_session) below the quorum: without it the API answers 409 QUORUM_NOT_REACHED' })
  @IsOptional()
  @IsBoolean()
  confirmBelowQuorum?: boolean;
}

export class ListMeetingsQueryDto {
  @ApiPropertyOptional({ enum: MeetingStatus })
  @IsOptional()
  @IsEnum(MeetingStatus)
  status?: MeetingStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  bodyId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Meetings starting at or after this instant' })
  @IsOptional()
  @IsDateString({ strict: true })
  @MaxLength(40)
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Meetings starting before this instant' })
  @IsOptional()
  @IsDateString({ strict: true })
  @MaxLength(40)
  to?: string;
}
