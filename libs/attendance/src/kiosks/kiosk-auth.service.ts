import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { DomainError } from '#core';
import { MeetingEntity } from '#meetings';
import { AttendanceErrorCode } from '../attendance.errors.js';
import { KioskDeviceEntity } from './kiosk-device.entity.js';

const TOKEN_PREFIX = 'dhk_';
const MAX_TOKEN_LENGTH = 200;
const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

export interface KioskView {
  id: string;
  meetingId: string;
  name: string;
  createdBy: string | null;
  createdAt: Date;
  revokedAt: Date | null;
}

export interface CreatedKiosk extends KioskView {
  /** Shown once; only its sha256 is stored. The kiosk sends `Authorization: Kiosk <token>`. */
  token: string;
}

const view = (k: KioskDeviceEntity): KioskView => ({
  id: k.id,
  meetingId: k.meetingId,
  name: k.name,
  createdBy: k.createdBy,
  createdAt: k.createdAt,
  revokedAt: k.revokedAt,
});

/** Kiosk devices and their tokens: each token works for one meeting until revoked. */
@Injectable()
export class KioskAuthService {
  constructor(
    @InjectRepository(KioskDeviceEntity) private readonly kiosks: Repository<KioskDeviceEntity>,
    @InjectRepository(MeetingEntity) private readonly meetings: Repository<MeetingEntity>,
  ) {}

  async create(meetingId: string, name: string, createdBy: string | null): Promise<CreatedKiosk> {
    if (!(await this.meetings.exists({ where: { id: meetingId } }))) throw DomainError.notFound('Meeting', meetingId);
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const saved = await this.kiosks.save(this.kiosks.create({ meetingId, name, tokenHash: sha256(token), createdBy, revokedAt: null }));
    return { ...view(saved), token };
  }

  async list(meetingId: string): Promise<KioskView[]> {
    const rows = await this.kiosks.find({ where: { meetingId }, order: { createdAt: 'ASC' } });
    return rows.map(view);
  }

  /** Idempotent: revoking a revoked kiosk is fine; an unknown one is 404. */
  async revoke(meetingId: string, kioskId: string): Promise<void> {
    const result = await this.kiosks.update({ id: kioskId, meetingId, revokedAt: IsNull() }, { revokedAt: new Date() });
    if (!result.affected && !(await this.kiosks.exists({ where: { id: kioskId, meetingId } }))) throw DomainError.notFound('Kiosk', kioskId);
  }

  /** The kiosk behind a token, if the token is live and bound to this meeting. */
  async verify(token: string, meetingId: string): Promise<KioskDeviceEntity> {
    if (!token.startsWith(TOKEN_PREFIX) || token.length > MAX_TOKEN_LENGTH) {
      throw new DomainError(AttendanceErrorCode.KIOSK_TOKEN_INVALID, 'Kiosk token is not valid');
    }
    const kiosk = await this.kiosks.findOne({ where: { tokenHash: sha256(token) } });
    if (!kiosk || kiosk.revokedAt) throw new DomainError(AttendanceErrorCode.KIOSK_TOKEN_INVALID, 'Kiosk token is not valid or was revoked');
    if (kiosk.meetingId !== meetingId) throw new DomainError(AttendanceErrorCode.KIOSK_WRONG_MEETING, 'This kiosk is registered for another meeting');
    return kiosk;
  }
}
