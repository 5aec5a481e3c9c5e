/** libs/delegates views. */
export interface Delegate {
  id: string;
  fullName: string;
  title: string | null;
  organization: string | null;
  email: string | null;
  phone: string | null;
  hasVotingRight: boolean;
  active: boolean;
}

export interface DelegatePage {
  items: Delegate[];
  total: number;
}

export interface ImportRowError {
  line: number;
  column: string | null;
  reason: string;
}

export interface ImportResult {
  imported: number;
  skipped: number;
  errors: ImportRowError[];
}

/** libs/delegates BodyView. */
export interface Body {
  id: string;
  name: string;
  description: string | null;
  allowProxyVoting: boolean;
  memberCount: number;
}

export type BodyDetail = Body & { members: { delegateId: string; fullName: string }[] };

export interface BodyInput {
  name: string;
  description: string | null;
  allowProxyVoting: boolean;
}
