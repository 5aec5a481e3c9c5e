import type { PollOption, PollView } from '#contracts';

export interface Official {
  subject: number;
  name: string;
  /** The levels this official may be rated at, in ballot order. */
  options: PollOption[];
}

/** A confidence ballot's officials in order, each with its levels (one option per level, in ballot order). */
export function officialsOf(poll: Pick<PollView, 'options'>): Official[] {
  const bySubject = new Map<number, Official>();
  for (const o of [...poll.options].sort((a, b) => a.position - b.position)) {
    if (o.subject === null) continue;
    const entry = bySubject.get(o.subject) ?? { subject: o.subject, name: o.subjectName ?? o.label, options: [] };
    entry.options.push(o);
    bySubject.set(o.subject, entry);
  }
  return [...bySubject.values()].sort((a, b) => a.subject - b.subject);
}

/** The ballot's choices: at most one option per official, in the officials' order; unrated officials are left out. */
export function ratingChoices(officials: Official[], ratings: Record<number, string>): string[] {
  return officials.flatMap((off) => {
    const id = ratings[off.subject];
    return id && off.options.some((o) => o.id === id) ? [id] : [];
  });
}
