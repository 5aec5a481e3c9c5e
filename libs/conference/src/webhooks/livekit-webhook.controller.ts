import { Controller, Headers, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '#core';
import { ConferenceEnabledGuard } from '../conference-enabled.guard.js';
import { HandleWebhookUseCase, type WebhookOutcome } from './handle-webhook.use-case.js';

/** LiveKit's webhook: no bearer token, its own signature (a JWT over the body's sha256) checked on the raw body. */
@Public()
@UseGuards(ConferenceEnabledGuard)
@Controller('livekit')
export class LiveKitWebhookController {
  constructor(private readonly handle: HandleWebhookUseCase) {}

  @Post('webhook')
  @HttpCode(200)
  @ApiExcludeEndpoint()
  receive(@Req() req: Request, @Headers('authorization') authorization?: string, @Headers('authorize') authorize?: string): Promise<WebhookOutcome> {
    const body = Buffer.isBuffer(req.body) ? req.body : undefined;
    return this.handle.execute(body, authorization ?? authorize);
  }
}
