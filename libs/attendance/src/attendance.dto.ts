import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, Length } from 'class-validator';

export class DelegateRefDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  delegateId: string;
}

export class ExcuseDto extends DelegateRefDto {
  @ApiProperty({ maxLength: 500, example: 'Đi công tác theo quyết định của UBND thành phố' })
  @IsString()
  @Length(1, 500)
  reason: string;
}

export class QrCheckInDto {
  @ApiProperty({ maxLength: 300, description: 'The scanned code from GET .../attendance/my-qr' })
  @IsString()
  @Length(1, 300)
  code: string;
}

export class CreateKioskDto {
  @ApiProperty({ maxLength: 200, example: 'Cửa chính phòng họp số 1' })
  @IsString()
  @Length(1, 200)
  name: string;
}
