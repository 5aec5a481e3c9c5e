import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { DomainError } from '#core';
import { MeetingAccess } from '#meetings';
import { AttendanceErrorCode } from '../attendance.errors.js';
import { KioskDeviceEntity } from './kiosk-device.entity.js';

const TOKEN_PREFIX = 'dhk_';
/** What a kiosk app sends as `X-Kiosk-Device` (HTTP) or `auth.device` (socket): a random id it keeps forever. */
export const KIOSK_DEVICE_ID = /^[A-Za-z0-9_-]{16,128}$/;
export const KIOSK_DEVICE_HEADER = 'x-kiosk-device';
const MAX_TOKEN_LENGTH = 200;
const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

export interface KioskView {
  id: string;
  meetingId: string;
  name: string;
  createdBy: string | null;
  createdAt: Date;
  revokedAt: Date | null;
  /** When the token was tied to the tablet that first used it (null: not used yet). */
  boundAt: Date | null;
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
  boundAt: k.boundAt,
});

/** Kiosk devices and their tokens: each token works for one meeting until revoked. */
@Injectable()
export class KioskAuthService {
  constructor(
    @InjectRepository(KioskDeviceEntity) private readonly kiosks: Repository<KioskDeviceEntity>,
    private readonly access: MeetingAccess,
  ) {}

  async create(meetingId: string, name: string, createdBy: string | null): Promise<CreatedKiosk> {
    await this.access.getOrFail(meetingId);
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const saved = await this.kiosks.save(this.kiosks.create({ meetingId, name, tokenHash: sha256(token), createdBy, revokedAt: null, deviceHash: null, boundAt: null }));
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

  /**
   * The kiosk behind a token, if the token is live, bound to this meeting, and used from its device: the first
   * use ties the token to the device id sent with it, so a copied token is useless on another tablet.
   */
  async verify(token: string, meetingId: string, deviceId: string | undefined): Promise<KioskDeviceEntity> {
    if (!token.startsWith(TOKEN_PREFIX) || token.length > MAX_TOKEN_LENGTH) {
      throw new DomainError(AttendanceErrorCode.KIOSK_TOKEN_INVALID, 'Kiosk token is not valid');
    }
    if (!deviceId || !KIOSK_DEVICE_ID.test(deviceId)) {
      throw new DomainError(AttendanceErrorCode.KIOSK_DEVICE_REQUIRED, 'A kiosk sends its device id (X-Kiosk-Device: 16-128 letters, digits, - or _) with its token');
    }
    const kiosk = await this.kiosks.createQueryBuilder('k').addSelect('k.deviceHash').where('k.tokenHash = :hash', { hash: sha256(token) }).getOne();
    if (!kiosk || kiosk.revokedAt) throw new DomainError(AttendanceErrorCode.KIOSK_TOKEN_INVALID, 'Kiosk token is not valid or was revoked');
    if (kiosk.meetingId !== meetingId) throw new DomainError(AttendanceErrorCode.KIOSK_WRONG_MEETING, 'This kiosk is registered for another meeting');
    const device = sha256(`kiosk-device:${deviceId}`);
    if (kiosk.deviceHash === null) {
      // first use: bind atomically, so two tablets racing with one token cannot both win
      const bound = await this.kiosks.query<{ device_hash: string }[]>(
        `UPDATE kiosk_devices SET device_hash = $2, bound_at = now() WHERE id = $1 AND device_hash IS NULL RETURNING device_hash`,
        [kiosk.id, device],
      );
      if (bound.length === 1) return kiosk;
      const [current] = await this.kiosks.query<{ device_hash: string }[]>(`SELECT device_hash FROM kiosk_devices WHERE id = $1`, [kiosk.id]);
      kiosk.deviceHash = current?.device_hash ?? null;
    }
    if (kiosk.deviceHash !== device) {
      throw new DomainError(AttendanceErrorCode.KIOSK_WRONG_DEVICE, 'This kiosk token is in use on another device; ask the secretary for a new one');
    }
    return kiosk;
  }
}
