import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, IsUUID, Length, ValidateIf } from 'class-validator';
import type { TaskView } from '../tasks/task-view.js';

export class CreateConclusionDto {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'The agenda item concluded; omit or null for a general conclusion' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUUID()
  agendaItemId?: string | null;

  @ApiProperty({ example: 'Giao Sở Thông tin và Truyền thông hoàn thiện Đề án chuyển đổi số.', maxLength: 20000 })
  @IsString()
  @Length(1, 20000)
  text: string;
}

export class UpdateConclusionDto {
  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUUID()
  agendaItemId?: string | null;

  @ApiPropertyOptional({ maxLength: 20000 })
  @IsOptional()
  @IsString()
  @Length(1, 20000)
  text?: string;
}

export class ReorderConclusionsDto {
  @ApiProperty({ type: [String], description: 'Every conclusion id of the meeting, in the new order' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  conclusionIds: string[];
}

export interface ConclusionView {
  id: string;
  meetingId: string;
  agendaItemId: string | null;
  /** The agenda item concluded (position and title), null for a general conclusion. */
  agendaItem: { id: string; position: number; title: string } | null;
  position: number;
  text: string;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  /** Tasks assigned by this conclusion, oldest first. */
  tasks: TaskView[];
}
