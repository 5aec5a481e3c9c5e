/** Polls `check` until it holds (a throw counts as not yet); returns how long it took, or throws after `ms`. */
export async function eventually(check: () => Promise<boolean>, ms: number, stepMs = 200): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check().catch(() => false)) return Date.now() - started;
    if (Date.now() - started > ms) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
