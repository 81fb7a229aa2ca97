import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  testId: string;
}

/** A modal question (native <dialog>: focus trapped, Escape cancels). */
export function ConfirmDialog({ open, title, children, confirmLabel, busy, danger, onConfirm, onCancel, testId }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={`${id}-title`}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      <div className="confirm-body">{children}</div>
      <div className="button-row">
        <button type="button" className={danger ? 'danger' : 'primary'} disabled={busy} onClick={onConfirm} data-testid={`${testId}-confirm`}>
          {confirmLabel}
        </button>
        <button type="button" onClick={onCancel} data-testid={`${testId}-cancel`}>
          {t('common.cancel')}
        </button>
      </div>
    </dialog>
  );
}
