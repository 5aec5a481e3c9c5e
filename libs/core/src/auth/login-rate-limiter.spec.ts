import { DomainError } from '../errors/domain.error.js';
import { LoginRateLimiter, MemoryAttemptStore } from './login-rate-limiter.js';

const limits = { perAccount: 3, perAddress: 5, windowMs: 60_000 };
const refusal = async (p: Promise<unknown>): Promise<DomainError> => {
  try {
    await p;
  } catch (err: unknown) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
};

describe('LoginRateLimiter', () => {
  it('counts every attempt before it is checked, so parallel attempts cannot all pass', async () => {
    const limiter = new LoginRateLimiter(new MemoryAttemptStore(), { ...limits, perAddress: 1000 });
    const results = await Promise.allSettled(Array.from({ length: 60 }, () => limiter.admit('10.0.0.1', 'admin')));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as DomainError);
    expect(refused).toHaveLength(57);
    expect(refused[0]).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect(refused[0].retryAfter).toBeGreaterThan(0);
  });

  it('blocks an account after the maximum and opens again when the window passes; other accounts are not affected', async () => {
    let now = 1_000;
    const limiter = new LoginRateLimiter(new MemoryAttemptStore(() => now), limits);
    for (let i = 0; i < 3; i++) await limiter.admit('ip', 'admin');
    expect((await refusal(limiter.admit('ip', 'ADMIN'))).code).toBe('TOO_MANY_REQUESTS');
    await expect(limiter.admit('ip', 'chair')).resolves.toBeDefined();
    now += 60_001;
    await expect(limiter.admit('ip', 'admin')).resolves.toBeDefined();
  });

  it('limits one address across random usernames', async () => {
    const limiter = new LoginRateLimiter(new MemoryAttemptStore(), limits);
    for (let i = 0; i < 5; i++) await limiter.admit('10.0.0.9', `user-${i}`);
    expect((await refusal(limiter.admit('10.0.0.9', 'user-new'))).code).toBe('TOO_MANY_REQUESTS');
    await expect(limiter.admit('10.0.0.10', 'user-new')).resolves.toBeDefined();
  });

  it('a success clears the account and does not count against the address (a hall behind one NAT address)', async () => {
    const limiter = new LoginRateLimiter(new MemoryAttemptStore(), limits);
    for (let i = 0; i < 20; i++) await limiter.succeeded(await limiter.admit('hall', `delegate-${i}`));
    const ticket = await limiter.admit('hall', 'delegate-0');
    await limiter.succeeded(ticket);
    for (let i = 0; i < 3; i++) await limiter.admit('hall', 'delegate-0');
    expect((await refusal(limiter.admit('hall', 'delegate-0'))).code).toBe('TOO_MANY_REQUESTS');
  });
});
