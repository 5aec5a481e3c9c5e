import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';

export class RegisterProxyDto {
  @ApiProperty({ format: 'uuid', description: 'The absent member whose vote is delegated' })
  @IsUUID()
  representedDelegateId: string;

  @ApiProperty({ format: 'uuid', description: 'The member who will vote for them (must attend)' })
  @IsUUID()
  actingDelegateId: string;

  @ApiPropertyOptional({ example: 'Đi công tác theo Quyết định số 45/QĐ-UBND', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  note?: string;

  @ApiPropertyOptional({ example: 'Giấy ủy quyền số 03/GUQ', maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  documentRef?: string;
}
