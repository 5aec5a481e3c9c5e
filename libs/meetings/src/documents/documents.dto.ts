import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

/** Text fields of the multipart upload (the file itself is the `file` part). */
export class UploadDocumentDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The agenda item the document belongs to' })
  @IsOptional()
  @IsUUID()
  agendaItemId?: string;
}

/** OpenAPI description of the multipart body. */
export class UploadDocumentBodyDoc {
  @ApiProperty({ type: 'string', format: 'binary', description: 'A PDF (checked by content)' })
  file: unknown;

  @ApiPropertyOptional({ format: 'uuid' })
  agendaItemId?: string;
}
