import type { MeetingStatus } from '#contracts';
import { useI18n } from '../i18n/i18n.js';

export function StatusBadge({ status }: { status: MeetingStatus }) {
  const { t } = useI18n();
  return <span className={`badge badge-${status}`}>{t(`status.${status}`)}</span>;
}
