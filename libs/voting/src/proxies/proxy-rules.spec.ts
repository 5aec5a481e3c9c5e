import { proxyCastError, proxyRegistrationError, type ProxyParty, type ProxyRegistrationFacts, type ProxyCastFacts } from './proxy-rules.js';

const party = (delegateId: string, overrides: Partial<ProxyParty> = {}): ProxyParty => ({ delegateId, votingMember: true, invitedVoter: true, represented: false, acting: false, ...overrides });
const facts = (overrides: Partial<ProxyRegistrationFacts> = {}): ProxyRegistrationFacts => ({
  allowProxyVoting: true,
  meetingClosed: false,
  represented: party('a0000000-0000-4000-8000-000000000001'),
  acting: party('a0000000-0000-4000-8000-000000000002'),
  ...overrides,
});
const codeOf = (e: { code: string } | null): string => e?.code ?? 'OK';

describe('proxyRegistrationError', () => {
  it('accepts two invited voting members without other proxies', () => {
    expect(proxyRegistrationError(facts())).toBeNull();
  });

  it('refuses when the body does not allow proxies, before anything else', () => {
    expect(codeOf(proxyRegistrationError(facts({ allowProxyVoting: false, acting: party('a0000000-0000-4000-8000-000000000001') })))).toBe('PROXY_NOT_ALLOWED');
  });

  it('refuses a closed meeting and a proxy to oneself (ids compared case-insensitively)', () => {
    expect(codeOf(proxyRegistrationError(facts({ meetingClosed: true })))).toBe('PROXY_INVALID');
    const self = proxyRegistrationError(facts({ acting: party('A0000000-0000-4000-8000-000000000001') }));
    expect(self?.code).toBe('PROXY_INVALID');
    expect(self?.details).toEqual([{ field: 'actingDelegateId', reason: expect.any(String) as string }]);
  });

  it.each([
    ['representedDelegateId', 'votingMember'],
    ['representedDelegateId', 'invitedVoter'],
    ['actingDelegateId', 'votingMember'],
    ['actingDelegateId', 'invitedVoter'],
  ] as const)('names %s when it lacks %s', (field, flag) => {
    const side = field === 'representedDelegateId' ? 'represented' : 'acting';
    const f = facts();
    f[side] = { ...f[side], [flag]: false };
    const err = proxyRegistrationError(f);
    expect(err?.code).toBe('PROXY_INVALID');
    expect(err?.details).toEqual([{ field, reason: expect.any(String) as string }]);
  });

  it('refuses a second active proxy of either side with PROXY_TAKEN', () => {
    const f = facts();
    expect(codeOf(proxyRegistrationError({ ...f, represented: { ...f.represented, represented: true } }))).toBe('PROXY_TAKEN');
    expect(codeOf(proxyRegistrationError({ ...f, acting: { ...f.acting, acting: true } }))).toBe('PROXY_TAKEN');
  });

  it('refuses chains: the represented holds a proxy, or the acting is represented', () => {
    const f = facts();
    expect(codeOf(proxyRegistrationError({ ...f, represented: { ...f.represented, acting: true } }))).toBe('PROXY_INVALID');
    expect(codeOf(proxyRegistrationError({ ...f, acting: { ...f.acting, represented: true } }))).toBe('PROXY_INVALID');
  });
});

describe('proxyCastError', () => {
  const ok: ProxyCastFacts = { allowProxyVoting: true, proxyActive: true, representedCanVote: true, actingMethod: 'manual', onRoll: true };

  it('accepts an active proxy whose holder is present', () => {
    expect(proxyCastError(ok)).toBeNull();
  });

  it.each<[Partial<ProxyCastFacts>, string]>([
    [{ allowProxyVoting: false }, 'PROXY_NOT_ALLOWED'],
    [{ allowProxyVoting: false, proxyActive: false }, 'PROXY_NOT_ALLOWED'],
    [{ proxyActive: false }, 'NOT_PROXY_HOLDER'],
    [{ proxyActive: false, actingMethod: null }, 'NOT_PROXY_HOLDER'],
    [{ representedCanVote: null }, 'NOT_ELIGIBLE'],
    [{ representedCanVote: false }, 'NOT_ELIGIBLE'],
    [{ actingMethod: null }, 'NOT_PRESENT'],
    [{ actingMethod: null, onRoll: false }, 'NOT_PRESENT'],
    [{ onRoll: false }, 'NOT_ON_ROLL'],
  ])('%j -> %s', (overrides, code) => {
    expect(codeOf(proxyCastError({ ...ok, ...overrides }))).toBe(code);
  });
});
