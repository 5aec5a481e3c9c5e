import { api, type MeetingExport } from '../api/endpoints.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/vi.js';
import { DownloadButton } from './download-button.js';

const GROUPS: { title: MessageKey; files: MeetingExport[] }[] = [
  { title: 'exports.attendance', files: ['attendance.pdf', 'attendance.xlsx'] },
  { title: 'exports.results', files: ['results.pdf', 'results.xlsx'] },
  { title: 'exports.minutes', files: ['minutes.pdf', 'minutes.docx'] },
];

/** The meeting's files (attendance, poll results, minutes) as PDF / XLSX / DOCX downloads. */
export function ExportsPanel({ meetingId, hasMinutes }: { meetingId: string; hasMinutes: boolean }) {
  const { t } = useI18n();
  return (
    <section className="panel" aria-labelledby="exports-title">
      <h2 id="exports-title">{t('exports.title')}</h2>
      <div className="export-groups">
        {GROUPS.map((g) => (
          <div key={g.title} className="export-group">
            <h3>{t(g.title)}</h3>
            <div className="button-row">
              {g.files.map((f) => {
                const format = f.split('.')[1].toUpperCase();
                return (
                  <DownloadButton
                    key={f}
                    label={t('download.label')}
                    detail={t('exports.download', { what: t(g.title), format })}
                    fallbackName={f}
                    disabled={g.title === 'exports.minutes' && !hasMinutes}
                    load={() => api.meetingExport(meetingId, f)}
                  />
                );
              })}
            </div>
          </div>
        ))}
      </div>
      {hasMinutes ? null : <p className="muted small">{t('exports.minutesFirst')}</p>}
    </section>
  );
}
