import { useId, type ReactNode } from 'react';

interface Base {
  label: string;
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
  testId?: string;
  help?: ReactNode;
  required?: boolean;
  invalid?: ReactNode;
  className?: string;
}

/** A labelled text input, date-time (Paris) or number field, with its help and problem lines. */
export function Field({ type = 'text', maxLength, ...p }: Base & { type?: 'text' | 'datetime-local' | 'number'; maxLength?: number }) {
  const id = useId();
  return (
    <div className={`field ${p.className ?? ''}`}>
      <label htmlFor={id}>
        {p.label}
        {p.required && <span className="required"> *</span>}
      </label>
      <input
        id={id}
        type={type}
        min={type === 'number' ? 0 : undefined}
        step={type === 'datetime-local' ? 1 : undefined}
        maxLength={maxLength}
        value={p.value}
        disabled={p.disabled}
        required={p.required}
        aria-invalid={p.invalid ? true : undefined}
        aria-describedby={p.help || p.invalid ? `${id}-help` : undefined}
        onChange={(e) => p.onChange(e.target.value)}
        data-testid={p.testId}
      />
      <Help id={`${id}-help`} help={p.help} invalid={p.invalid} />
    </div>
  );
}

export function Area({ rows = 3, maxLength = 20000, ...p }: Base & { rows?: number; maxLength?: number }) {
  const id = useId();
  return (
    <div className={`field ${p.className ?? ''}`}>
      <label htmlFor={id}>
        {p.label}
        {p.required && <span className="required"> *</span>}
      </label>
      <textarea
        id={id}
        rows={rows}
        maxLength={maxLength}
        value={p.value}
        disabled={p.disabled}
        required={p.required}
        aria-invalid={p.invalid ? true : undefined}
        aria-describedby={p.help || p.invalid ? `${id}-help` : undefined}
        onChange={(e) => p.onChange(e.target.value)}
        data-testid={p.testId}
      />
      <Help id={`${id}-help`} help={p.help} invalid={p.invalid} />
    </div>
  );
}

export function Choice<V extends string>(p: Omit<Base, 'value' | 'onChange'> & { value: V; onChange: (v: V) => void; options: { value: V; label: string }[] }) {
  const id = useId();
  return (
    <div className={`field ${p.className ?? ''}`}>
      <label htmlFor={id}>{p.label}</label>
      <select id={id} value={p.value} disabled={p.disabled} onChange={(e) => p.onChange(e.target.value as V)} data-testid={p.testId}>
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Help id={`${id}-help`} help={p.help} invalid={p.invalid} />
    </div>
  );
}

function Help({ id, help, invalid }: { id: string; help?: ReactNode; invalid?: ReactNode }) {
  if (!help && !invalid) return null;
  return (
    <span id={id}>
      {invalid && <span className="field-error">{invalid}</span>}
      {help && <span className="help">{help}</span>}
    </span>
  );
}
