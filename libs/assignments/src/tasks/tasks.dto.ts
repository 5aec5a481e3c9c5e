import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsDateString, IsEnum, IsOptional, IsString, IsUUID, Length, ValidateIf } from 'class-validator';
import { TaskStatus } from './task-status.js';

export class CreateTaskDto {
  @ApiProperty({ example: 'Hoàn thiện Đề án chuyển đổi số, trình UBND Thành phố', maxLength: 1000 })
  @IsString()
  @Length(1, 1000)
  title: string;

  @ApiPropertyOptional({ example: 'Tờ trình và dự thảo Quyết định', maxLength: 5000 })
  @IsOptional()
  @IsString()
  @Length(0, 5000)
  expectedOutput?: string;

  @ApiProperty({ format: 'uuid', description: 'Exactly one lead unit (cơ quan chủ trì)' })
  @IsUUID()
  leadUnitId: string;

  @ApiPropertyOptional({ type: [String], description: 'Cooperating units (cơ quan phối hợp)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  cooperatingUnitIds?: string[];

  @ApiProperty({ example: '2026-12-31T17:00:00+07:00' })
  @IsDateString({ strict: true })
  deadline: string;

  @ApiPropertyOptional({ example: '2026-12-25T17:00:00+07:00', description: 'When the lead unit reports back; not after the deadline' })
  @IsOptional()
  @IsDateString({ strict: true })
  reportDeadline?: string;
}

/** Staff corrections and deadline extensions (gia hạn); every field optional, null clears an optional one. */
export class UpdateTaskDto {
  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  title?: string;

  @ApiPropertyOptional({ maxLength: 5000, nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @Length(0, 5000)
  expectedOutput?: string | null;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  leadUnitId?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  cooperatingUnitIds?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsDateString({ strict: true })
  deadline?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsDateString({ strict: true })
  reportDeadline?: string | null;
}

export class CompleteTaskDto {
  @ApiProperty({ example: 'Đã trình UBND Thành phố Tờ trình số 123/TTr-STTTT.', maxLength: 20000 })
  @IsString()
  @Length(1, 20000)
  report: string;
}

export class ListTasksQueryDto {
  @ApiPropertyOptional({ enum: TaskStatus })
  @IsOptional()
  @IsEnum(TaskStatus)
  status?: TaskStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  unitId?: string;
}

export interface UnitTaskCounts {
  unit: { id: string; code: string; name: string };
  open: number;
  inProgress: number;
  done: number;
  overdue: number;
  total: number;
}
