import { describe, expect, it } from '@jest/globals';
import { DisconnectReason } from 'livekit-client';
import { conferenceReducer, endReasonOf, type ConferenceEvent, type ConferenceState } from './conference-state.js';

const run = (events: ConferenceEvent[], from: ConferenceState = { phase: 'idle' }): ConferenceState => events.reduce(conferenceReducer, from);
const connected: ConferenceEvent[] = [{ type: 'join' }, { type: 'connected', canPublish: true }, { type: 'media', micOn: true, camOn: true }];

describe('conferenceReducer', () => {
  it('says “disabled” for 503 CONFERENCE_DISABLED, “unreachable” for a network failure, and keeps other refusals', () => {
    expect(run([{ type: 'join' }, { type: 'token-refused', code: 'CONFERENCE_DISABLED', error: null }])).toEqual({ phase: 'disabled' });
    expect(run([{ type: 'join' }, { type: 'token-refused', code: 'NETWORK', error: null }])).toEqual({ phase: 'unreachable' });
    const error = new Error('not invited');
    expect(run([{ type: 'join' }, { type: 'token-refused', code: 'CONFERENCE_NOT_INVITED', error }])).toEqual({ phase: 'refused', error });
  });

  it('a failed connect is “unreachable”, and the Disconnected event that follows it does not hide that', () => {
    expect(run([{ type: 'join' }, { type: 'connect-failed' }, { type: 'disconnected', reason: 'lost' }])).toEqual({ phase: 'unreachable' });
    // joining again from there starts over
    expect(run([{ type: 'join' }, { type: 'connect-failed' }, { type: 'join' }])).toEqual({ phase: 'joining' });
  });

  it('tells a member the secretary muted them, and clears it when they unmute', () => {
    const muted = run([...connected, { type: 'muted-by-moderator' }]);
    expect(muted).toMatchObject({ phase: 'connected', micOn: false, camOn: true, notice: 'mutedByModerator' });
    expect(run([{ type: 'media', micOn: true, camOn: true }], muted)).toMatchObject({ micOn: true, notice: null });
  });

  it('revoking the right to send turns media off; granting it back says so; the same permission again changes nothing', () => {
    const revoked = run([...connected, { type: 'permissions', canPublish: false }]);
    expect(revoked).toMatchObject({ canPublish: false, micOn: false, camOn: false, notice: 'publishRevoked' });
    expect(run([{ type: 'permissions', canPublish: false }], revoked)).toBe(revoked);
    expect(run([{ type: 'permissions', canPublish: true }], revoked)).toMatchObject({ canPublish: true, notice: 'publishGranted' });
    expect(run([{ type: 'join' }, { type: 'connected', canPublish: false }])).toMatchObject({ canPublish: false, notice: 'publishRevoked' });
  });

  it('ends with the reason once connected; media events outside a room are ignored', () => {
    expect(run([...connected, { type: 'reconnecting' }])).toMatchObject({ reconnecting: true });
    expect(run([...connected, { type: 'reconnecting' }, { type: 'reconnected' }])).toMatchObject({ reconnecting: false });
    expect(run([...connected, { type: 'disconnected', reason: 'removed' }])).toEqual({ phase: 'ended', reason: 'removed' });
    expect(run([{ type: 'muted-by-moderator' }, { type: 'media', micOn: true, camOn: true }])).toEqual({ phase: 'idle' });
  });
});

describe('endReasonOf', () => {
  it('maps LiveKit disconnect reasons', () => {
    expect(endReasonOf(DisconnectReason.PARTICIPANT_REMOVED)).toBe('removed');
    expect(endReasonOf(DisconnectReason.CLIENT_INITIATED)).toBe('left');
    expect(endReasonOf(DisconnectReason.ROOM_DELETED)).toBe('roomClosed');
    expect(endReasonOf(DisconnectReason.ROOM_CLOSED)).toBe('roomClosed');
    expect(endReasonOf(DisconnectReason.SIGNAL_CLOSE)).toBe('lost');
    expect(endReasonOf(undefined)).toBe('lost');
  });
});
