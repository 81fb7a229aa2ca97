import { useId, useRef } from 'react';

interface Props {
  label: string;
  onFile: (file: File) => void;
  accept?: string;
  disabled?: boolean;
  primary?: boolean;
  /** Test id of the (hidden) file input. */
  testId: string;
}

/** A button opening the file picker (the input itself stays hidden but labelled). */
export function FilePickButton({ label, onFile, accept, disabled, primary, testId }: Props) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className={primary ? 'primary' : undefined} disabled={disabled} onClick={() => input.current?.click()}>
        {label}
      </button>
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input
        id={id}
        ref={input}
        type="file"
        accept={accept}
        className="visually-hidden"
        tabIndex={-1}
        disabled={disabled}
        data-testid={testId}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
    </>
  );
}
