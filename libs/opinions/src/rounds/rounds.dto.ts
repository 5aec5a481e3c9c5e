import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDateString, IsEnum, IsInt, IsObject, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';
import { RoundAnswerChoice } from './round-answer.entity.js';

export class CreateRoundDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  bodyId: string;

  @ApiProperty({ example: 'Lấy ý kiến thành viên UBND về Đề án chuyển đổi số' })
  @IsString()
  @Length(1, 500)
  title: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(0, 20000)
  description?: string;

  @ApiProperty({ example: '2026-12-01T10:00:00+07:00' })
  @IsDateString({ strict: true })
  deadline: string;

  @ApiProperty({ type: [String], example: ['Đồng ý thông qua Đề án?'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 2000, { each: true })
  questions: string[];

  @ApiPropertyOptional({ description: 'Hours before the deadline to remind members who have not answered', default: 24 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(720)
  remindHoursBefore?: number;

  @ApiPropertyOptional({ description: 'Majority rule (same language as polls); default: more than 1/2 of all members agree' })
  @IsOptional()
  @IsObject()
  rule?: Record<string, unknown>;
}

export class RoundAnswerItemDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  questionId: string;

  @ApiProperty({ enum: RoundAnswerChoice })
  @IsEnum(RoundAnswerChoice)
  choice: RoundAnswerChoice;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @Length(0, 5000)
  comment?: string;
}

export class AnswerRoundDto {
  @ApiProperty({ type: [RoundAnswerItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RoundAnswerItemDto)
  answers: RoundAnswerItemDto[];
}
