/** A ballot confirmed by the voter but not yet acknowledged by the server. */
export interface PendingBallot {
  ballotId: string;
  choices: string[];
}

type KeyValue = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** A v4 UUID; `crypto.randomUUID` exists only in secure contexts, and hall tablets may use plain http on the LAN. */
export function newBallotId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * The voter's ballots on this device, per delegate and poll: the pending one is written BEFORE it is sent and kept
 * until acknowledged, so a retry (after a network drop or a reload) reuses the same ballot id and the server counts
 * it once; the receipt is kept because the server cannot give back a secret ballot's receipt.
 */
export class BallotStore {
  constructor(
    private readonly delegateId: string,
    private readonly storage: KeyValue | null = safeLocalStorage(),
  ) {}

  pending(pollId: string): PendingBallot | null {
    const raw = this.read(this.key('ballot', pollId));
    if (!raw) return null;
    try {
      const v = JSON.parse(raw) as Partial<PendingBallot>;
      return typeof v.ballotId === 'string' && Array.isArray(v.choices) ? { ballotId: v.ballotId, choices: v.choices.filter((c) => typeof c === 'string') } : null;
    } catch {
      return null;
    }
  }

  /** The pending ballot for these choices: the stored one when there is one (a retry), else a new id, stored first. */
  prepare(pollId: string, choices: string[]): PendingBallot {
    const existing = this.pending(pollId);
    if (existing) return existing;
    const ballot = { ballotId: newBallotId(), choices };
    this.storage?.setItem(this.key('ballot', pollId), JSON.stringify(ballot));
    return ballot;
  }

  /** Acknowledged: the receipt is kept, the pending ballot dropped. */
  acknowledged(pollId: string, receipt: string): void {
    this.storage?.setItem(this.key('receipt', pollId), receipt);
    this.storage?.removeItem(this.key('ballot', pollId));
  }

  /** Refused for good (poll closed, not eligible...): nothing left to retry. */
  drop(pollId: string): void {
    this.storage?.removeItem(this.key('ballot', pollId));
  }

  receipt(pollId: string): string | null {
    return this.read(this.key('receipt', pollId));
  }

  private key(kind: 'ballot' | 'receipt', pollId: string): string {
    return `dh.${kind}.${this.delegateId}.${pollId}`;
  }

  private read(key: string): string | null {
    try {
      return this.storage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  }
}

function safeLocalStorage(): KeyValue | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
