import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';

export class MinutesSectionDto {
  @ApiProperty({ example: 'VI. KẾT LUẬN' })
  @IsString()
  @Length(1, 300)
  heading: string;

  @ApiProperty({ description: 'Plain text, one paragraph per line', example: 'Thống nhất thông qua Đề án.' })
  @IsString()
  @Length(0, 50000)
  body: string;
}

/** The whole editable content; the secretary sends it back edited. */
export class EditMinutesDto {
  @ApiProperty({ example: 'Ủy ban nhân dân thành phố Hà Nội' })
  @IsString()
  @Length(0, 300)
  issuer: string;

  @ApiProperty({ example: 'BIÊN BẢN HỌP' })
  @IsString()
  @Length(1, 300)
  title: string;

  @ApiProperty({ example: 'Phiên họp thường kỳ tháng 11, ngày 27 tháng 11 năm 2026' })
  @IsString()
  @Length(0, 1000)
  subtitle: string;

  @ApiProperty({ type: [MinutesSectionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(40)
  @ValidateNested({ each: true })
  @Type(() => MinutesSectionDto)
  sections: MinutesSectionDto[];
}

export class IssueMinutesDto {
  @ApiPropertyOptional({ description: 'User who signs as secretary; default: the caller' })
  @IsOptional()
  @IsUUID()
  secretaryUserId?: string;

  @ApiPropertyOptional({ description: 'User who signs as chair; default: the first active chair user' })
  @IsOptional()
  @IsUUID()
  chairUserId?: string;
}
