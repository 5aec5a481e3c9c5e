import { readFileSync } from 'node:fs';
import { renderSchemasModule, renderSocketDoc, SCHEMAS_FILE, socketEvents, SOCKET_DOC_FILE } from './lib/contract-docs.js';

// both files are derived from libs/contracts: a change there must be followed by `npm run docs:contract`
describe('documents derived from libs/contracts', () => {
  it('docs/socket-events.md lists the event maps as they are (npm run docs:sockets)', () => {
    expect(readFileSync(SOCKET_DOC_FILE, 'utf8')).toBe(renderSocketDoc());
  });

  it('libs/core/src/http/contract-schemas.ts holds the contract types as they are (npm run docs:contract)', () => {
    expect(readFileSync(SCHEMAS_FILE, 'utf8')).toBe(renderSchemasModule());
  });

  it('lists every event of both directions, each with its payload and who gets it', () => {
    const rows = socketEvents();
    const names = (direction: string): string[] => rows.filter((r) => r.direction === direction).map((r) => r.event);
    expect(names('server → client')).toEqual(expect.arrayContaining(['meeting:status', 'poll:opened', 'attendance:updated', 'task:overdue']));
    expect(names('client → server')).toEqual(['auth:refresh', 'meeting:join', 'meeting:leave', 'vote:cast', 'poll:state', 'hand:raise', 'hand:lower', 'checkin:frame']);
    expect(rows.find((r) => r.event === 'task:reminder')?.payload).toBe('TaskNotice & { daysLeft: number }');
    expect(rows.every((r) => r.who.length > 0)).toBe(true);
  });
});
