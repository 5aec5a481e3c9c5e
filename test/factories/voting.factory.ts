import { randomUUID } from 'node:crypto';
import { AttendanceService, CheckInMethod } from '#attendance';
import { Role } from '#core';
import type { BodyEntity, DelegateEntity } from '#delegates';
import { MeetingStatus, type MeetingEntity } from '#meetings';
import { createBody, createMeeting } from './registry.factory.js';
import { clientAs } from './user.factory.js';
import type { HttpClient } from '../utils/http.js';
import type { TestApp } from '../utils/test-app.js';

export interface Voter {
  delegate: DelegateEntity;
  http: HttpClient;
  token: string;
  userId: string;
}

export interface VotingFixture {
  meeting: MeetingEntity;
  delegates: DelegateEntity[];
  /** users linked to the first `voters` delegates, all checked in */
  voters: Voter[];
}

export const tokenOf = (http: HttpClient): string => (http as unknown as { token: string }).token;

/**
 * A body of `members` delegates, a meeting in session with all of them invited, the first `present` checked in,
 * and a signed-in delegate user for each of the first `voters` (the first one may be the chair).
 */
export async function createVotingMeeting(
  t: TestApp,
  opts: { members: number; present: number; voters: number; chairFirst?: boolean; body?: Partial<BodyEntity> },
): Promise<VotingFixture> {
  const { body, delegates } = await createBody(t.dataSource, opts.members, opts.body);
  const { meeting } = await createMeeting(t.dataSource, body.id, delegates, { status: MeetingStatus.InSession }, 1);
  await checkIn(t, meeting.id, delegates.slice(0, opts.present));
  const voters: Voter[] = [];
  for (let i = 0; i < opts.voters; i++) {
    const role = i === 0 && opts.chairFirst ? Role.Chair : Role.Delegate;
    const { http, user } = await clientAs(t.dataSource, t.url, role, { delegateId: delegates[i].id });
    voters.push({ delegate: delegates[i], http, token: tokenOf(http), userId: user.id });
  }
  return { meeting, delegates, voters };
}

export async function checkIn(t: TestApp, meetingId: string, delegates: DelegateEntity[], method = CheckInMethod.Manual): Promise<void> {
  const attendance = t.app.get(AttendanceService);
  for (const d of delegates) await attendance.checkIn({ meetingId, delegateId: d.id, method, recordedBy: null });
}

export function motionBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { kind: 'motion', ballotMode: 'named', title: `Biểu quyết ${randomUUID().slice(0, 6)}`, ...overrides };
}

export function choiceBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'choice',
    ballotMode: 'secret',
    title: `Lựa chọn ${randomUUID().slice(0, 6)}`,
    options: [{ label: 'Phương án A' }, { label: 'Phương án B' }, { label: 'Phương án C' }],
    maxChoices: 2,
    rule: 'present>1/2;quorum>=2/3;tie=fails',
    ...overrides,
  };
}
