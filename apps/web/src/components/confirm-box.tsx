import { useI18n } from '../i18n/i18n.js';

/** An inline confirmation step before an action that cannot be undone; the confirm button takes the focus. */
export function ConfirmBox({ id, question, confirm, busy, onConfirm, onCancel }: { id: string; question: string; confirm: string; busy: boolean; onConfirm(): void; onCancel(): void }) {
  const { t } = useI18n();
  return (
    <div className="confirm" role="alertdialog" aria-labelledby={id}>
      <p id={id}>{question}</p>
      <div className="button-row">
        <button type="button" className="btn btn-primary" autoFocus disabled={busy} onClick={onConfirm}>
          {confirm}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
