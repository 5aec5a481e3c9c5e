import type { LiveStatus } from '../realtime/live-connection.js';
import { useI18n } from '../i18n/i18n.js';

/** Connection state, announced politely to screen readers when it changes. */
export function LiveBadge({ status }: { status: LiveStatus }) {
  const { t } = useI18n();
  const key = status === 'connected' ? 'live.connected' : status === 'connecting' ? 'live.connecting' : 'live.offline';
  return (
    <span className={`live live-${status}`} role="status" aria-live="polite">
      <span className="live-dot" aria-hidden="true" />
      {t(key)}
    </span>
  );
}
