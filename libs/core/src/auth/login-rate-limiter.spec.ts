import { DomainError } from '../errors/domain.error.js';
import { LoginRateLimiter } from './login-rate-limiter.js';

describe('LoginRateLimiter', () => {
  it('blocks after the maximum failures and opens again when the window passes', () => {
    let now = 1_000;
    const limiter = new LoginRateLimiter(3, 60_000, () => now);
    for (let i = 0; i < 3; i++) {
      limiter.assertAllowed('ip|admin');
      limiter.recordFailure('ip|admin');
    }
    expect(() => limiter.assertAllowed('ip|admin')).toThrow(DomainError);
    // another user from the same address is not affected
    expect(() => limiter.assertAllowed('ip|chair')).not.toThrow();
    now += 60_001;
    expect(() => limiter.assertAllowed('ip|admin')).not.toThrow();
  });

  it('a successful login clears the count', () => {
    const limiter = new LoginRateLimiter(2, 60_000);
    limiter.recordFailure('k');
    limiter.clear('k');
    limiter.recordFailure('k');
    expect(() => limiter.assertAllowed('k')).not.toThrow();
  });
});
