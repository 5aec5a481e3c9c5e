import { existsSync } from 'node:fs';
import { describe } from '@jest/globals';
import { LIVEKIT_VERSION, liveKitBinary } from '../../scripts/lib/livekit-process.js';

export { freeTcpPort, LIVEKIT_VERSION, liveKitBinary, startLiveKit, WebhookRelay, type Delivery, type LiveKitServer } from '../../scripts/lib/livekit-process.js';

export const HAS_LIVEKIT = existsSync(liveKitBinary());

/**
 * Tests against the real server run where it is built; in CI (.ci/run builds it) a missing binary fails the run
 * instead of skipping it, so a broken build step cannot pass unseen.
 */
export const describeWithLiveKit = HAS_LIVEKIT || process.env.CI ? describe : describe.skip;
if (!HAS_LIVEKIT && !process.env.CI) {
  process.stderr.write(`[e2e] livekit-server ${LIVEKIT_VERSION} is not built (${liveKitBinary()}): run \`bash scripts/livekit-local.sh build\`; real-server tests are skipped\n`);
}
