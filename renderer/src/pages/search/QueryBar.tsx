import { useEffect, useRef, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryErrorCaret } from './QueryErrorCaret';
import { SyntaxHelp } from './SyntaxHelp';
import type { QuerySyntaxError } from './syntax';

interface Props {
  value: string;
  onChange: (value: string) => void;
  onSubmit: (value: string) => void;
  busy: boolean;
  /** Error of the last search, for the query it was raised on. */
  syntaxError: { query: string; error: QuerySyntaxError } | null;
}

/** The query input (Enter searches), the syntax help, and a syntax error shown at its position. */
export function QueryBar({ value, onChange, onSubmit, busy, syntaxError }: Props) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const showError = syntaxError && syntaxError.query === value ? syntaxError : null;

  useEffect(() => {
    // Put the cursor where the problem is, so fixing it is one keystroke away.
    if (!syntaxError || !input.current) return;
    const pos = Math.min(syntaxError.error.position, input.current.value.length);
    input.current.focus();
    input.current.setSelectionRange(pos, Math.min(pos + 1, input.current.value.length));
  }, [syntaxError]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(value);
  };

  return (
    <form className="query-bar" role="search" onSubmit={submit}>
      <div className="query-row">
        <label className="visually-hidden" htmlFor="search-query">
          {t('search.query.label')}
        </label>
        <input
          id="search-query"
          ref={input}
          className="query-input"
          data-testid="search-query"
          type="text"
          spellCheck={false}
          autoComplete="off"
          value={value}
          placeholder={t('search.query.placeholder')}
          aria-invalid={showError ? true : undefined}
          aria-describedby={showError ? 'search-query-error' : undefined}
          onChange={(e) => onChange(e.target.value)}
        />
        <button type="submit" className="primary" data-testid="search-submit" disabled={busy}>
          {t('search.query.submit')}
        </button>
        <SyntaxHelp onUse={onChange} />
      </div>
      {showError && (
        <div id="search-query-error">
          <QueryErrorCaret query={showError.query} error={showError.error} />
        </div>
      )}
    </form>
  );
}
