import { useId, type ChangeEvent, type ReactNode } from 'react';

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

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/** The props every control of a field takes: its id, value, state, the lines that describe it. */
interface ControlProps {
  id: string;
  value: string;
  disabled?: boolean;
  required?: boolean;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
  'data-testid'?: string;
  onChange: (e: ChangeEvent<Control>) => void;
}

/** Label, control and the help and problem lines under it. */
function Labelled({ control, ...p }: Base & { control: (props: ControlProps) => ReactNode }) {
  const id = useId();
  const helpId = `${id}-help`;
  return (
    <div className={`field ${p.className ?? ''}`}>
      <label htmlFor={id}>
        {p.label}
        {p.required && <span className="required"> *</span>}
      </label>
      {control({
        id,
        value: p.value,
        disabled: p.disabled,
        required: p.required,
        'aria-invalid': p.invalid ? true : undefined,
        'aria-describedby': p.help || p.invalid ? helpId : undefined,
        'data-testid': p.testId,
        onChange: (e) => p.onChange(e.target.value),
      })}
      {(p.help || p.invalid) && (
        <span id={helpId}>
          {p.invalid && <span className="field-error">{p.invalid}</span>}
          {p.help && <span className="help">{p.help}</span>}
        </span>
      )}
    </div>
  );
}

/** A labelled text input, date-time (Paris) or number field, with its help and problem lines. */
export function Field({ type = 'text', maxLength, ...p }: Base & { type?: 'text' | 'datetime-local' | 'number'; maxLength?: number }) {
  return (
    <Labelled
      {...p}
      control={(c) => <input {...c} type={type} min={type === 'number' ? 0 : undefined} step={type === 'datetime-local' ? 1 : undefined} maxLength={maxLength} />}
    />
  );
}

/** A labelled multi-line text. */
export function Area({ rows = 3, maxLength = 20000, ...p }: Base & { rows?: number; maxLength?: number }) {
  return <Labelled {...p} control={(c) => <textarea {...c} rows={rows} maxLength={maxLength} />} />;
}

/**
 * A labelled list of choices. `empty` adds a first choice of value '' (« any », « none »): the caller's
 * value type then includes ''.
 */
export function Choice<V extends string>({
  options,
  empty,
  onChange,
  ...p
}: Omit<Base, 'value' | 'onChange' | 'required'> & { value: V; onChange: (v: V) => void; options: readonly { value: V; label: string }[]; empty?: string }) {
  return (
    <Labelled
      {...p}
      onChange={(v) => onChange(v as V)}
      control={(c) => (
        <select {...c}>
          {empty !== undefined && <option value="">{empty}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

/** `{ value, label }` choices from a list of values and a label for each. */
export function choicesOf<V extends string>(values: readonly V[], label: (v: V) => string): { value: V; label: string }[] {
  return values.map((value) => ({ value, label: label(value) }));
}
