import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerProcess } from '../../scripts/lib/server-process.js';
import { accessTokenFor, api, onPostgres, seedCrowd, startApiProcess } from '../faults/fault-kit.js';
import type { BenchSeed } from '../../scripts/lib/bench-seed.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';

const VOTERS = 24;
/** Links a random guess gets right: 1 expected of 24 (a random permutation); 7 or more has probability < 1e-4. */
const CHANCE_BOUND = 6;

interface Poll {
  id: string;
  options: { id: string }[];
}

type Guesses = Map<string, string>;

/**
 * The database reader's attack (issue 18): a secret poll with 24 voters casting at spaced times, attacked through
 * xmin joins, physical (ctid) order against cast order, timestamps, live and dead tuples read with pageinspect
 * (before the close, after it while a snapshot keeps the deleted rows, after VACUUM), the WAL, the server's info
 * log and the published result. Every voter marks a different option, so a ballot is recognisable and an attack's
 * guess is either right or wrong; chance gets about 1 of 24 right. The same attacks on a named poll find all 24,
 * so these attacks do see links where there are some.
 */
(onPostgres ? describe : describe.skip)('a database reader attacking secret ballots', () => {
  const secret = randomUUID() + randomUUID();
  const keyDir = mkdtempSync(join(tmpdir(), 'dh-ballot-keys-'));
  let control: TestApp;
  let server: ServerProcess;
  let seed: BenchSeed;
  let staff: string;
  const q = <T>(sql: string, params: unknown[] = []): Promise<T[]> => control.dataSource.query<T[]>(sql, params);

  beforeAll(async () => {
    control = await startTestApp({ JWT_SECRET: secret });
    server = await startApiProcess(control.databaseUrl!, secret, { LOG_LEVEL: 'info', BALLOT_KEY_DIR: keyDir });
    await q('CREATE EXTENSION IF NOT EXISTS pageinspect');
    seed = await seedCrowd(control.dataSource, VOTERS);
    staff = accessTokenFor(seed.secretary, secret);
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    await control?.close();
    rmSync(keyDir, { recursive: true, force: true });
  });

  async function runPoll(mode: 'secret' | 'named'): Promise<{ poll: Poll; truth: Map<string, string>; castOrder: string[]; receipts: string[]; openLsn: string }> {
    const labels = Array.from({ length: VOTERS }, (_, i) => `Phương án ${i + 1}`);
    const created = await api<Poll>(server.url, staff, 'POST', `/api/meetings/${seed.meetingId}/polls`, { kind: 'choice', ballotMode: mode, title: `Tấn công ${mode}`, options: labels.map((label) => ({ label })) });
    expect(created.status).toBe(201);
    const poll = created.body;
    const [{ lsn: openLsn }] = await q<{ lsn: string }>(`SELECT pg_current_wal_lsn()::text AS lsn`);
    expect((await api(server.url, staff, 'POST', `/api/polls/${poll.id}/open`)).status).toBe(200);
    // voters in a random order, each a different option (a random matching), spaced in time
    const voters = [...seed.voters].sort(() => Math.random() - 0.5);
    const options = [...poll.options].sort(() => Math.random() - 0.5);
    const truth = new Map<string, string>();
    const receipts: string[] = [];
    for (const [i, v] of voters.entries()) {
      const res = await api<{ receipt: string }>(server.url, accessTokenFor(v, secret), 'POST', `/api/polls/${poll.id}/ballots`, { ballotId: randomUUID(), choices: [options[i].id] });
      expect(res.status).toBe(200);
      receipts.push(res.body.receipt);
      truth.set(v.delegateId!, options[i].id);
      await new Promise((r) => setTimeout(r, 60 + Math.random() * 60));
    }
    return { poll, truth, castOrder: voters.map((v) => v.delegateId!), receipts, openLsn };
  }

  const right = (guesses: Guesses, truth: Map<string, string>): number => [...guesses].filter(([d, o]) => truth.get(d) === o).length;

  /** The option ids whose text appears in these bytes (jsonb keeps strings as text); a ballot is read when exactly one does. */
  function decode(bytes: Buffer | string, poll: Poll): string | null {
    const text = typeof bytes === 'string' ? bytes : bytes.toString('latin1');
    const found = poll.options.filter((o) => text.includes(o.id));
    return found.length === 1 ? found[0].id : null;
  }

  async function participation(pollId: string): Promise<{ delegate_id: string; xmin: string; created_at: Date }[]> {
    return q(`SELECT delegate_id, xmin::text AS xmin, created_at FROM poll_participation WHERE poll_id = $1 ORDER BY created_at`, [pollId]);
  }

  const TABLES = ['secret_ballots', 'secret_ballot_envelopes', 'named_ballots', 'audit_log'];

  /** Rows the attacker can read with their system columns, per table in physical order. */
  async function rows(poll: Poll): Promise<Map<string, { xmin: string; text: string }[]>> {
    const out = new Map<string, { xmin: string; text: string }[]>();
    for (const table of TABLES) {
      const r = await q<{ xmin: string; text: string }>(`SELECT xmin::text AS xmin, t::text AS text FROM ${table} t ORDER BY ctid`);
      out.set(table, r);
    }
    for (const table of ['secret_ballot_envelopes']) {
      const r = await q<{ xmin: string; text: string }>(`SELECT xmin::text AS xmin, encode(sealed, 'escape') AS text FROM ${table} WHERE poll_id = $1 ORDER BY ctid`, [poll.id]);
      out.set(table, r);
    }
    return out;
  }

  async function xminJoin(poll: Poll): Promise<Guesses> {
    const voters = new Map((await participation(poll.id)).map((p) => [p.xmin, p.delegate_id]));
    const guesses: Guesses = new Map();
    for (const list of (await rows(poll)).values()) {
      for (const r of list) {
        const d = voters.get(r.xmin);
        const o = decode(r.text, poll);
        if (d && o) guesses.set(d, o);
      }
    }
    return guesses;
  }

  /** The k-th readable ballot in physical order is the k-th voter's; the best table counts. */
  async function physicalOrder(poll: Poll, castOrder: string[], truth: Map<string, string>): Promise<number> {
    let best = 0;
    for (const list of (await rows(poll)).values()) {
      const seen = new Set<string>();
      const order = list.map((r) => decode(r.text, poll)).filter((o): o is string => o !== null && !seen.has(o) && !!seen.add(o));
      best = Math.max(best, right(new Map(order.map((o, k) => [castOrder[k], o])), truth));
    }
    return best;
  }

  /** Each time-stamped row carrying a ballot goes to the voter who cast closest before it. */
  async function timestamps(poll: Poll): Promise<Guesses> {
    const voters = await participation(poll.id);
    const stamped = await q<{ ts: Date; text: string }>(`SELECT at AS ts, payload::text AS text FROM audit_log WHERE entity_id = $1 ORDER BY seq`, [poll.id]);
    const guesses: Guesses = new Map();
    for (const s of stamped) {
      const o = decode(s.text, poll);
      if (!o) continue;
      const before = voters.filter((v) => v.created_at.getTime() <= new Date(s.ts).getTime());
      const voter = before.at(-1) ?? voters[0];
      if (!guesses.has(voter.delegate_id)) guesses.set(voter.delegate_id, o);
    }
    return guesses;
  }

  /** Every tuple on every page, live or dead, with pageinspect; t_xmin joined to the participation rows. */
  async function pages(poll: Poll): Promise<{ guesses: Guesses; tuplesOfVoters: number }> {
    const voters = new Map((await participation(poll.id)).map((p) => [p.xmin, p.delegate_id]));
    const guesses: Guesses = new Map();
    let tuplesOfVoters = 0;
    for (const table of TABLES) {
      const [{ blocks }] = await q<{ blocks: number }>(`SELECT (pg_relation_size($1) / current_setting('block_size')::int)::int AS blocks`, [table]);
      for (let b = 0; b < blocks; b++) {
        const tuples = await q<{ t_xmin: string | null; t_data: Buffer | null }>(`SELECT t_xmin::text AS t_xmin, t_data FROM heap_page_items(get_raw_page($1, $2))`, [table, b]);
        for (const t of tuples) {
          const d = t.t_xmin ? voters.get(t.t_xmin) : undefined;
          if (!d || !t.t_data) continue;
          if (table === 'secret_ballot_envelopes') tuplesOfVoters++;
          const o = decode(t.t_data, poll);
          if (o) guesses.set(d, o);
        }
      }
    }
    return { guesses, tuplesOfVoters };
  }

  /** The WAL written since the poll opened, read as bytes: option ids in the order they first appear, against cast order. */
  async function wal(poll: Poll, openLsn: string, castOrder: string[], truth: Map<string, string>): Promise<number> {
    await q(`SELECT pg_switch_wal()`);
    const [{ first, last }] = await q<{ first: string; last: string }>(
      `SELECT pg_walfile_name($1::pg_lsn) AS first, pg_walfile_name(pg_current_wal_lsn()) AS last`,
      [openLsn],
    );
    const files = (await q<{ name: string }>(`SELECT name FROM pg_ls_waldir() WHERE name >= $1 AND name <= $2 AND length(name) = 24 ORDER BY name`, [first, last])).map((f) => f.name);
    const [{ offset }] = await q<{ offset: number }>(`SELECT file_offset AS offset FROM pg_walfile_name_offset($1::pg_lsn)`, [openLsn]);
    let text = '';
    for (const [i, f] of files.entries()) {
      const [{ data }] = await q<{ data: Buffer }>(`SELECT pg_read_binary_file('pg_wal/' || $1) AS data`, [f]);
      text += (i === 0 ? data.subarray(offset) : data).toString('latin1');
    }
    const firstSeen = poll.options.map((o) => ({ id: o.id, at: text.indexOf(o.id) })).filter((o) => o.at >= 0);
    firstSeen.sort((a, b) => a.at - b.at);
    return right(new Map(firstSeen.map((o, k) => [castOrder[k], o.id])), truth);
  }

  /** The server's info log: a line naming a voter (user or delegate id) and an option. */
  function serverLog(poll: Poll, truth: Map<string, string>): Guesses {
    const guesses: Guesses = new Map();
    const users = new Map(seed.voters.map((v) => [v.userId, v.delegateId!]));
    for (const line of server.output().split('\n')) {
      const o = decode(line, poll);
      if (!o) continue;
      for (const [user, d] of users) if (line.includes(user) || line.includes(d)) guesses.set(d, o);
    }
    void truth;
    return guesses;
  }

  async function published(poll: Poll): Promise<Guesses> {
    const res = await api<{ ballots?: ({ delegateId?: string; choices?: string[]; receipt?: string })[] }>(server.url, accessTokenFor(seed.voters[0], secret), 'GET', `/api/polls/${poll.id}`);
    const guesses: Guesses = new Map();
    for (const b of res.body.ballots ?? []) if (b.delegateId && b.choices?.length === 1) guesses.set(b.delegateId, b.choices[0]);
    return guesses;
  }

  async function attack(mode: 'secret' | 'named'): Promise<Record<string, number>> {
    const { poll, truth, castOrder, openLsn } = await runPoll(mode);
    const found: Record<string, number> = {};
    found.xminWhileOpen = right(await xminJoin(poll), truth);
    found.physicalOrderWhileOpen = await physicalOrder(poll, castOrder, truth);
    const open = await pages(poll);
    found.pagesWhileOpen = right(open.guesses, truth);
    // a reader's snapshot taken before the close keeps the deleted envelopes on their pages (no VACUUM can remove them)
    const { default: pg } = await import('pg');
    const holder = new pg.Client({ connectionString: control.databaseUrl! });
    await holder.connect();
    await holder.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    await holder.query('SELECT count(*) FROM poll_participation');
    expect((await api(server.url, staff, 'POST', `/api/polls/${poll.id}/close`)).status).toBe(200);
    const dead = await pages(poll);
    found.deadTuplesBeforeVacuum = right(dead.guesses, truth);
    await holder.query('COMMIT');
    await holder.end();
    await q('VACUUM secret_ballot_envelopes');
    await q('VACUUM named_ballots');
    const vacuumed = await pages(poll);
    found.pagesAfterVacuum = right(vacuumed.guesses, truth);
    expect((await api(server.url, staff, 'POST', `/api/polls/${poll.id}/publish`)).status).toBe(200);
    found.xminAfterClose = right(await xminJoin(poll), truth);
    found.physicalOrderAfterClose = await physicalOrder(poll, castOrder, truth);
    found.timestamps = right(await timestamps(poll), truth);
    found.wal = await wal(poll, openLsn, castOrder, truth);
    found.serverLog = right(serverLog(poll, truth), truth);
    found.published = right(await published(poll), truth);
    if (mode === 'secret') {
      // the dead envelopes were there to attack before VACUUM (with their voters' xmin), and gone after it
      expect(dead.tuplesOfVoters).toBe(VOTERS);
      expect(vacuumed.tuplesOfVoters).toBe(0);
    }
    return found;
  }

  it('finds every link of a named poll (the attacks work)', async () => {
    const found = await attack('named');
    console.log(`named poll, links found of ${VOTERS}: ${JSON.stringify(found)}`);
    for (const key of ['xminWhileOpen', 'physicalOrderWhileOpen', 'pagesWhileOpen', 'xminAfterClose', 'pagesAfterVacuum', 'published', 'wal']) expect({ key, n: found[key] }).toEqual({ key, n: VOTERS });
  }, 180_000);

  it('finds no link of a secret poll better than chance, during the poll and after', async () => {
    const found = await attack('secret');
    console.log(`secret poll, links found of ${VOTERS} (chance ≈ 1): ${JSON.stringify(found)}`);
    for (const [key, n] of Object.entries(found)) expect({ key, n: Math.min(n, CHANCE_BOUND + 1) }).toEqual({ key, n: Math.min(n, CHANCE_BOUND) });
    // the key file is gone after the count
    expect(readdirSync(keyDir).filter((f) => f.endsWith('.key'))).toEqual([]);
  }, 180_000);
});
