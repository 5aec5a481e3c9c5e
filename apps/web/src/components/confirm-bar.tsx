import { useI18n } from '../i18n/i18n.js';

/** An inline confirmation for an action that cannot be undone (lock, delete, redraft): focus lands on "yes". */
export function ConfirmBar({ id, text, busy, onYes, onNo }: { id: string; text: string; busy: boolean; onYes(): void; onNo(): void }) {
  const { t } = useI18n();
  return (
    <div className="confirm" role="alertdialog" aria-labelledby={id}>
      <p id={id}>{text}</p>
      <div className="button-row">
        <button type="button" className="btn btn-primary" disabled={busy} onClick={onYes} autoFocus>
          {t('console.confirmYes')}
        </button>
        <button type="button" className="btn" disabled={busy} onClick={onNo}>
          {t('console.confirmNo')}
        </button>
      </div>
    </div>
  );
}
