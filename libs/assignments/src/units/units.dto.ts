import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length, Matches, ValidateIf } from 'class-validator';

export class CreateUnitDto {
  @ApiProperty({ example: 'STTTT', maxLength: 50, description: 'Short code, unique (letters, digits, - and _)' })
  @IsString()
  @Length(1, 50)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'code may only contain letters, digits, - and _' })
  code: string;

  @ApiProperty({ example: 'Sở Thông tin và Truyền thông', maxLength: 300 })
  @IsString()
  @Length(1, 300)
  name: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUUID()
  parentId?: string | null;
}

export class UpdateUnitDto {
  @ApiPropertyOptional({ maxLength: 50 })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'code may only contain letters, digits, - and _' })
  code?: string;

  @ApiPropertyOptional({ maxLength: 300 })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  name?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUUID()
  parentId?: string | null;
}

export class AddUnitMemberDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  delegateId: string;
}

export interface UnitView {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
  memberDelegateIds: string[];
}
