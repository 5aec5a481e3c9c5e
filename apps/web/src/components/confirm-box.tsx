import { useI18n } from '../i18n/i18n.js';

/**
 * An inline confirmation step before an action that cannot be undone (lock, delete, withdraw, remove): the confirm
 * button takes the focus; both buttons wait while the action runs.
 */
export function ConfirmBox({ id, text, confirm, busy, onConfirm, onCancel }: { id: string; text: string; confirm?: string; busy: boolean; onConfirm(): void; onCancel(): void }) {
  const { t } = useI18n();
  return (
    <div className="confirm" role="alertdialog" aria-labelledby={id}>
      <p id={id}>{text}</p>
      <div className="button-row">
        <button type="button" className="btn btn-primary" autoFocus disabled={busy} onClick={onConfirm}>
          {confirm ?? t('console.confirmYes')}
        </button>
        <button type="button" className="btn" disabled={busy} onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
