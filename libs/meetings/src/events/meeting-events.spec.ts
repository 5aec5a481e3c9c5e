import type { JsonLogger } from '#core';
import { MeetingStatus } from '../meeting-status.js';
import { MeetingEvents, type MeetingStatusChangedEvent } from './meeting-events.js';

describe('MeetingEvents', () => {
  const event: MeetingStatusChangedEvent = { meetingId: 'm', from: MeetingStatus.Scheduled, to: MeetingStatus.Open, changedBy: 'u', at: new Date() };

  it('calls every listener, survives a failing one, and unsubscribes', async () => {
    const logged: string[] = [];
    const events = new MeetingEvents({ write: (_level: string, msg: string) => void logged.push(msg) } as unknown as JsonLogger);
    const seen: string[] = [];
    const off = events.on('status-changed', (e) => void seen.push(`a:${e.to}`));
    events.on('status-changed', () => {
      throw new Error('boom');
    });
    events.on('status-changed', async (e) => {
      await Promise.resolve();
      seen.push(`c:${e.to}`);
    });
    await events.emit('status-changed', event);
    expect(seen.sort()).toEqual(['a:open', 'c:open']);
    expect(logged).toEqual(['meeting event listener failed']);
    off();
    await events.emit('status-changed', event);
    expect(seen.filter((s) => s.startsWith('a:'))).toHaveLength(1);
  });
});
