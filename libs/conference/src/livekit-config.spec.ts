import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '#core';

describe('LiveKit configuration', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dh-livekit-config-'));
  const full = { LIVEKIT_URL: 'wss://livekit.example.vn', LIVEKIT_API_KEY: 'APIkey', LIVEKIT_API_SECRET: 'secret-secret-secret' };

  it('is disabled (null) when nothing is set', () => {
    expect(loadConfig({ DATA_DIR: dataDir }).livekit).toBeNull();
  });

  it('reads all three with defaults for the rest', () => {
    expect(loadConfig({ DATA_DIR: dataDir, ...full }).livekit).toEqual({
      url: 'wss://livekit.example.vn',
      publicUrl: 'wss://livekit.example.vn',
      apiKey: 'APIkey',
      apiSecret: 'secret-secret-secret',
      egress: { enabled: false, filepath: 'recordings/{room_name}-{time}.mp4' },
      tokenTtlSeconds: 600,
      reconcileIntervalSeconds: 60,
      roomEmptyTimeoutSeconds: 300,
      roomParticipantMargin: 10,
    });
    expect(loadConfig({ DATA_DIR: dataDir, ...full, LIVEKIT_EGRESS_ENABLED: 'true', LIVEKIT_PUBLIC_URL: 'wss://public.example.vn' }).livekit).toMatchObject({
      egress: { enabled: true },
      publicUrl: 'wss://public.example.vn',
    });
  });

  it.each([
    [{ LIVEKIT_URL: full.LIVEKIT_URL }, ['LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET']],
    [{ LIVEKIT_API_KEY: 'k', LIVEKIT_API_SECRET: 's' }, ['LIVEKIT_URL']],
    [{ ...full, LIVEKIT_URL: 'ftp://livekit' }, ['LIVEKIT_URL']],
    [{ ...full, LIVEKIT_URL: 'livekit:7880' }, ['LIVEKIT_URL']],
    [{ ...full, LIVEKIT_EGRESS_ENABLED: 'maybe' }, ['LIVEKIT_EGRESS_ENABLED']],
    [{ ...full, LIVEKIT_TOKEN_TTL_SECONDS: '5' }, ['LIVEKIT_TOKEN_TTL_SECONDS']],
  ])('refuses %o naming %o', (env, names) => {
    let message = '';
    try {
      loadConfig({ DATA_DIR: dataDir, ...env });
    } catch (err: unknown) {
      expect(err).toBeInstanceOf(ConfigError);
      message = (err as Error).message;
    }
    for (const name of names) expect(message).toContain(`${name}:`);
  });
});
