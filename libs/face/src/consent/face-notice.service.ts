import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, Clock, type AppConfig } from '#core';
import { renderNotice, sha256Hex } from './biometric-notice.js';
import type { FaceNoticeEntity } from './face-notice.entity.js';

export interface NoticeView {
  version: string;
  sha256: string;
  text: string;
  inForceFrom: Date;
}

/**
 * The notice in force (FACE_NOTICE_VERSION). Its text is frozen on first use: changing what people are told means
 * a new version, so a consent's hash always names the text that was shown.
 */
@Injectable()
export class FaceNoticeService {
  private current: Promise<NoticeView> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  inForce(): Promise<NoticeView> {
    this.current ??= this.load().catch((err: unknown) => {
      this.current = null;
      throw err;
    });
    return this.current;
  }

  async byVersion(version: string): Promise<NoticeView | null> {
    const [row] = await this.dataSource.query<RawNotice[]>(`SELECT version, sha256, text, in_force_from FROM face_notices WHERE version = $1`, [version]);
    return row ? toView(row) : null;
  }

  /** When consents to older notices stop keeping their descriptors. */
  async graceEndsAt(): Promise<Date> {
    const notice = await this.inForce();
    return new Date(notice.inForceFrom.getTime() + this.config.face.noticeGraceDays * 86_400_000);
  }

  private async load(): Promise<NoticeView> {
    const { noticeVersion, controller, contact, retentionDays, noticeGraceDays } = this.config.face;
    const text = renderNotice(noticeVersion, { controller, contact, retentionDays, graceDays: noticeGraceDays });
    await this.dataSource.query(
      `INSERT INTO face_notices (version, sha256, text, in_force_from) VALUES ($1, $2, $3, $4) ON CONFLICT (version) DO NOTHING`,
      [noticeVersion, sha256Hex(text), text, this.clock.now()],
    );
    const found = await this.byVersion(noticeVersion);
    if (!found) throw new Error(`notice ${noticeVersion} could not be stored`);
    return found;
  }
}

type RawNotice = { version: string; sha256: string; text: string; in_force_from: Date } & Partial<FaceNoticeEntity>;
const toView = (r: RawNotice): NoticeView => ({ version: r.version, sha256: r.sha256, text: r.text, inForceFrom: new Date(r.in_force_from) });
