import { performance } from 'node:perf_hooks';
import { Controller, HttpCode, Post, Req, Res, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiHeader, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { KioskOrStaffGuard, CurrentKioskOrUser, type KioskOrUser } from '#attendance';
import { DomainError, ErrorCode, Public, Role, Roles, UuidParam } from '#core';
import { CheckInFrameUseCase } from './checkin-frame.use-case.js';
import type { FaceCheckInStatus, FrameResult } from './checkin.types.js';

class FaceBoxView {
  @ApiProperty() x: number;
  @ApiProperty() y: number;
  @ApiProperty() width: number;
  @ApiProperty() height: number;
}
class FrameDelegateView {
  @ApiProperty() fullName: string;
  @ApiProperty({ type: String, nullable: true }) title: string | null;
}
class FrameFaceView {
  @ApiProperty({ enum: ['checked_in', 'already_present', 'pending', 'unrecognised'] }) status: FaceCheckInStatus;
  @ApiPropertyOptional({ type: FrameDelegateView, description: 'Only for a recognised invited delegate' }) delegate?: FrameDelegateView;
  @ApiProperty({ type: FaceBoxView }) box: FaceBoxView;
}
class FrameResultView {
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ type: [FrameFaceView] }) faces: FrameFaceView[];
  @ApiProperty() elapsedMs: number;
  @ApiProperty() inferenceMs: number;
}

/** Set by the raw-body middleware of this route, before multer or the guard run. */
export const FRAME_RECEIVED_AT = Symbol('frameReceivedAt');
type FrameRequest = Request & { [FRAME_RECEIVED_AT]?: number };

/**
 * Kiosk camera frames. @Public for the JWT guard: KioskOrStaffGuard accepts `Authorization: Kiosk <token>` bound
 * to this meeting, or a staff bearer token of the roles below (testing from the secretary console).
 */
@ApiTags('face')
@Controller('meetings/:id/checkin/frame')
export class CheckInFrameController {
  constructor(private readonly checkIn: CheckInFrameUseCase) {}

  @Post()
  @Public()
  @Roles(Role.Admin, Role.Secretary)
  @UseGuards(KioskOrStaffGuard)
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('frame'))
  @ApiHeader({ name: 'Authorization', description: 'Kiosk <token> (or Bearer <staff token>)' })
  @ApiConsumes('image/jpeg', 'image/png', 'multipart/form-data')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOperation({ summary: 'One camera frame: every face is identified; 2 agreeing frames check a delegate in' })
  @ApiOkResponse({ type: FrameResultView })
  async frame(
    @UuidParam('id') meetingId: string,
    @CurrentKioskOrUser() who: KioskOrUser,
    @Req() req: FrameRequest,
    @Res({ passthrough: true }) res: Response,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<FrameResult> {
    const image = file?.buffer ?? (Buffer.isBuffer(req.body) ? req.body : null);
    if (!image) {
      const type = req.headers['content-type'] ?? '';
      if (type && !/^(image\/(jpeg|png)|multipart\/form-data)\b/i.test(type)) {
        throw new DomainError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Send the frame as image/jpeg, image/png or multipart/form-data (field "frame")');
      }
    }
    const result = await this.checkIn.execute(
      meetingId,
      image ?? Buffer.alloc(0),
      { kioskId: who.kiosk?.id ?? null, kioskName: who.kiosk?.name ?? null, userId: who.user?.id ?? null },
      // a raw body is complete when its parser ends; a multipart one when multer hands the file over (now)
      file ? performance.now() : (req[FRAME_RECEIVED_AT] ?? performance.now()),
    );
    res.setHeader('Server-Timing', `checkin;dur=${result.elapsedMs}, inference;dur=${result.inferenceMs}`);
    return result;
  }
}
