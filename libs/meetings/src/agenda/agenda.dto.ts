import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

export class AgendaItemInputDto {
  @ApiProperty({ maxLength: 500, example: 'Báo cáo tình hình kinh tế - xã hội' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  title: string;

  @ApiPropertyOptional({ maxLength: 10000, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  description?: string | null;

  @ApiPropertyOptional({ maxLength: 200, nullable: true, example: 'Giám đốc Sở Kế hoạch và Đầu tư' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  presenter?: string | null;
}

export class UpdateAgendaItemDto {
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  title?: string;

  @ApiPropertyOptional({ maxLength: 10000, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  description?: string | null;

  @ApiPropertyOptional({ maxLength: 200, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  presenter?: string | null;
}

export class ReorderAgendaDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'Every item of the meeting, once each, in the new order' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  itemIds: string[];
}
