import type { AttendanceSummary } from '#contracts';
import { useI18n } from '../i18n/i18n.js';

const R = 90;
const CX = 110;
const CY = 105;

/** A point on the upper half circle, `f` from 0 (left) to 1 (right). */
function at(f: number, r = R): [number, number] {
  const a = Math.PI * (1 - f);
  return [CX + r * Math.cos(a), CY - r * Math.sin(a)];
}

function arc(from: number, to: number): string {
  const [x1, y1] = at(from);
  const [x2, y2] = at(to);
  return `M ${x1.toFixed(2)} ${y1.toFixed(2)} A ${R} ${R} 0 0 1 ${x2.toFixed(2)} ${y2.toFixed(2)}`;
}

/**
 * The quorum as a half-circle gauge: present members of `members`, a tick at the required number.
 * The picture is decorative for screen readers; the same facts are given as text next to it.
 */
export function QuorumGauge({ summary }: { summary: AttendanceSummary }) {
  const { t } = useI18n();
  const { quorum, members } = summary;
  const total = Math.max(members, 1);
  const fill = Math.min(quorum.present / total, 1);
  const need = Math.min(quorum.required / total, 1);
  const [tx1, ty1] = at(need, R - 22);
  const [tx2, ty2] = at(need, R + 22);
  const missing = Math.max(quorum.required - quorum.present, 0);
  return (
    <figure className="gauge">
      <svg viewBox="0 0 220 125" role="img" aria-label={t('dash.quorumGauge', { present: quorum.present, members, required: quorum.required })}>
        <path d={arc(0, 1)} className="gauge-track" />
        {fill > 0 ? <path d={arc(0, fill)} className={quorum.reached ? 'gauge-fill gauge-ok' : 'gauge-fill gauge-low'} /> : null}
        <line x1={tx1} y1={ty1} x2={tx2} y2={ty2} className="gauge-need" />
        <text x={CX} y={CY - 12} textAnchor="middle" className="gauge-number">
          {quorum.present}/{members}
        </text>
      </svg>
      <figcaption>
        <p className={quorum.reached ? 'quorum-state quorum-ok' : 'quorum-state quorum-low'} data-testid="quorum-state">
          {quorum.reached ? t('dash.quorumReached') : t('dash.quorumMissing', { n: missing })}
        </p>
        <p className="muted">{t('dash.quorumRule', { required: quorum.required, members, rule: quorum.rule })}</p>
      </figcaption>
    </figure>
  );
}

/** Invited delegates split into in the hall / online / excused / absent, as one stacked bar and four big numbers. */
export function AttendanceBreakdown({ summary }: { summary: AttendanceSummary }) {
  const { t } = useI18n();
  const parts = [
    { key: 'inHall', label: t('dash.inHall'), n: summary.presentInHall },
    { key: 'online', label: t('dash.online'), n: summary.presentOnline },
    { key: 'excused', label: t('dash.excused'), n: summary.excused },
    { key: 'absent', label: t('dash.absent'), n: summary.absent },
  ];
  const total = Math.max(parts.reduce((s, p) => s + p.n, 0), 1);
  return (
    <div className="breakdown">
      <div className="stack-bar" aria-hidden="true">
        {parts.map((p) => (p.n > 0 ? <span key={p.key} className={`stack-${p.key}`} style={{ flexGrow: p.n / total }} /> : null))}
      </div>
      <dl className="counts">
        {parts.map((p) => (
          <div key={p.key} className={`count count-${p.key}`} data-testid={`count-${p.key}`}>
            <dt>
              <span className={`swatch stack-${p.key}`} aria-hidden="true" />
              {p.label}
            </dt>
            <dd>{p.n}</dd>
          </div>
        ))}
      </dl>
      <p className="muted">{t('dash.invited', { n: summary.invited })}</p>
    </div>
  );
}

export function formatTime(locale: string, iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'Asia/Ho_Chi_Minh' }).format(d);
}
