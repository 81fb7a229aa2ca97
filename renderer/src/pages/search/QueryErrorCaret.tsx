import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n';
import { localeTag } from '../../i18n/format';
import { expectedKey, type QuerySyntaxError } from './syntax';

/** The query as typed, the offending character underlined with a caret under it, and what was expected there. */
export function QueryErrorCaret({ query, error }: { query: string; error: QuerySyntaxError }) {
  const { t } = useTranslation();
  const pos = Math.max(0, Math.min(error.position, query.length));
  const char = query.slice(pos, pos + 1);
  const names = error.expected.map((code) => {
    const key = expectedKey(code);
    return key ? t(key) : code;
  });
  const list = new Intl.ListFormat(localeTag(currentLocale()), { type: 'disjunction' }).format(names);

  return (
    <div className="query-error" role="alert" data-testid="query-error" data-position={pos}>
      <pre className="query-echo" aria-hidden="true">
        {query.slice(0, pos)}
        <mark className="query-error-char" data-testid="query-error-char">
          {char || ' '}
        </mark>
        {query.slice(pos + 1)}
      </pre>
      <p className="query-error-text" data-testid="query-error-text">
        {names.length > 0
          ? t('search.syntax.message', { position: pos + 1, expected: list })
          : t('search.syntax.messageNoExpected', { position: pos + 1 })}
      </p>
      <p className="help" lang="fr" data-testid="query-error-detail">
        {error.message}
      </p>
    </div>
  );
}
