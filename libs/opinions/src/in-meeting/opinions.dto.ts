import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, IsUUID, Length } from 'class-validator';

export class SubmitOpinionDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  agendaItemId?: string;

  @ApiProperty({ maxLength: 5000, example: 'Đề nghị bổ sung kinh phí cho chuyển đổi số cấp xã.' })
  @IsString()
  @Length(1, 5000)
  content: string;
}

export class RaiseHandDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  agendaItemId?: string;
}

export class ReorderQueueDto {
  @ApiProperty({ type: [String], description: 'Ids of all waiting requests in the new order' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  requestIds: string[];
}
