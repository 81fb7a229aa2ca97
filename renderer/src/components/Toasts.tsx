import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Severity } from '@contract';

export interface Toast {
  id: number;
  text: string;
  severity?: Severity;
  kind: 'info' | 'error' | 'alert';
  /** A link to where the toast's matter is handled (e.g. the incident of a legal deadline). */
  action?: { label: string; href: string };
}

interface ToastApi {
  push(toast: Omit<Toast, 'id'>, ttlMs?: number): void;
}

const ToastContext = createContext<ToastApi>({ push: () => undefined });

export function useToasts(): ToastApi {
  return useContext(ToastContext);
}

const MAX_VISIBLE = 4;

export function ToastProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((x) => x.id !== id)), []);

  const push = useCallback(
    (toast: Omit<Toast, 'id'>, ttlMs = 8000) => {
      const id = nextId.current++;
      setToasts((list) => [...list, { ...toast, id }].slice(-MAX_VISIBLE));
      setTimeout(() => dismiss(id), ttlMs);
    },
    [dismiss],
  );

  const value = useMemo(() => ({ push }), [push]);

  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="toasts" role="status" aria-live="polite" data-testid="toasts">
        {toasts.map((toast) => (
          <div key={toast.id} className={`toast toast-${toast.kind}`} data-severity={toast.severity} data-testid="toast">
            <span>
              {toast.text}
              {toast.action && (
                <a className="toast-action" href={toast.action.href} data-testid="toast-action" onClick={() => dismiss(toast.id)}>
                  {toast.action.label}
                </a>
              )}
            </span>
            <button type="button" className="toast-close" onClick={() => dismiss(toast.id)}>
              {t('toast.dismiss')}
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}
