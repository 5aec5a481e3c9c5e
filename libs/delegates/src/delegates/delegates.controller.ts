import { Body, Controller, Get, HttpCode, Patch, Post, Query, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { ApiFile, ApiView, DomainError, ErrorCode, Role, Roles, UuidParam } from '#core';
import { DelegatesExporter } from '../export/delegates.exporter.js';
import { ImportDelegatesUseCase } from '../import/import-delegates.use-case.js';
import { CreateDelegateDto, DelegateFilterDto, DelegatePageView, DelegateView, ListDelegatesQueryDto, toBoolean, UpdateDelegateDto } from './delegates.dto.js';
import { DelegatesService } from './delegates.service.js';

const { Admin, Secretary, Chair } = Role;
/** Phones and e-mails are personal data: delegates and observers do not read the registry. */
export const REGISTRY_READERS = [Admin, Secretary, Chair];

export class ImportQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Add every imported delegate to this body' })
  @IsOptional()
  @IsUUID()
  bodyId?: string;

  @ApiPropertyOptional({ type: Boolean, default: false, description: 'Import the valid rows and report the others' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  partial?: boolean;
}

class ImportRowErrorView {
  @ApiProperty() line: number;
  @ApiProperty({ type: String, nullable: true }) column: string | null;
  @ApiProperty() reason: string;
}

class ImportResultView {
  @ApiProperty() imported: number;
  @ApiProperty({ description: 'Rows left out (only with partial=true)' }) skipped: number;
  @ApiProperty({ type: [ImportRowErrorView] }) errors: ImportRowErrorView[];
  @ApiProperty({ type: [String] }) ids: string[];
}

@ApiTags('delegates')
@ApiBearerAuth()
@Controller('delegates')
export class DelegatesController {
  constructor(
    private readonly delegates: DelegatesService,
    private readonly importer: ImportDelegatesUseCase,
    private readonly exporter: DelegatesExporter,
  ) {}

  @Get()
  @Roles(...REGISTRY_READERS)
  @ApiOkResponse({ type: DelegatePageView })
  list(@Query() query: ListDelegatesQueryDto): Promise<DelegatePageView> {
    return this.delegates.list(query);
  }

  // export routes come before ':id' so "export.csv" is not taken for an id
  @Get('export.csv')
  @Roles(...REGISTRY_READERS)
  @ApiFile('text/csv')
  async exportCsv(@Query() filter: DelegateFilterDto): Promise<StreamableFile> {
    return new StreamableFile(await this.exporter.csv(filter), { type: 'text/csv; charset=utf-8', disposition: 'attachment; filename="dai-bieu.csv"' });
  }

  @Get('export.xlsx')
  @Roles(...REGISTRY_READERS)
  @ApiFile('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async exportXlsx(@Query() filter: DelegateFilterDto): Promise<StreamableFile> {
    return new StreamableFile(await this.exporter.xlsx(filter), {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: 'attachment; filename="dai-bieu.xlsx"',
    });
  }

  @Post('import')
  @HttpCode(200)
  @Roles(Admin)
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: 'CSV (UTF-8) or XLSX; header: full_name, title, organization, email, phone, voting_right (or Vietnamese names)' } },
    },
  })
  @ApiOkResponse({ type: ImportResultView })
  import(@UploadedFile() file: Express.Multer.File | undefined, @Query() query: ImportQueryDto): Promise<ImportResultView> {
    if (!file) throw new DomainError(ErrorCode.VALIDATION_FAILED, 'A file is required in the multipart field "file"', [{ field: 'file', reasons: ['is required'] }]);
    return this.importer.execute(file.buffer, { bodyId: query.bodyId, partial: query.partial ?? false });
  }

  @Get(':id')
  @Roles(...REGISTRY_READERS)
  @ApiOkResponse({ type: DelegateView })
  get(@UuidParam('id') id: string): Promise<DelegateView> {
    return this.delegates.get(id);
  }

  @Post()
  @Roles(Admin)
  @ApiView('Delegate', { status: 201 })
  create(@Body() dto: CreateDelegateDto): Promise<DelegateView> {
    return this.delegates.create(dto);
  }

  @Patch(':id')
  @Roles(Admin)
  @ApiView('Delegate')
  update(@UuidParam('id') id: string, @Body() dto: UpdateDelegateDto): Promise<DelegateView> {
    return this.delegates.update(id, dto);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @Roles(Admin)
  @ApiView('Delegate')
  deactivate(@UuidParam('id') id: string): Promise<DelegateView> {
    return this.delegates.setActive(id, false);
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @Roles(Admin)
  @ApiView('Delegate')
  reactivate(@UuidParam('id') id: string): Promise<DelegateView> {
    return this.delegates.setActive(id, true);
  }
}
