import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class DismissProposalDto {
  @ApiProperty({ minLength: 3, maxLength: 1000, example: 'Đã xử lý tại phiên họp chuyên đề ngày 05/12' })
  @IsString()
  @Length(3, 1000)
  reason: string;
}
