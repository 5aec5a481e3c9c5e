import type { TokenPair } from '#contracts';

const KEY = 'dh.tokens';

/** Tokens survive a reload (a tablet that restarts keeps its session); logout and refresh failure clear them. */
export const tokenStore = {
  get(): TokenPair | null {
    try {
      const raw = localStorage.getItem(KEY);
      if (!raw) return null;
      const parsed = JSON.parse(raw) as Partial<TokenPair>;
      return typeof parsed.accessToken === 'string' && typeof parsed.refreshToken === 'string'
        ? { accessToken: parsed.accessToken, refreshToken: parsed.refreshToken }
        : null;
    } catch {
      return null;
    }
  },
  set(pair: TokenPair): void {
    localStorage.setItem(KEY, JSON.stringify({ accessToken: pair.accessToken, refreshToken: pair.refreshToken }));
  },
  clear(): void {
    localStorage.removeItem(KEY);
  },
};
