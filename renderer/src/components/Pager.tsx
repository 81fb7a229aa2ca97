import { useTranslation } from 'react-i18next';
import { useFormat } from '../hooks/useFormat';

interface Props {
  offset: number;
  limit: number;
  total: number;
  onChange: (offset: number) => void;
}

export function Pager({ offset, limit, total, onChange }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(offset + limit, total);
  return (
    <nav className="pager" aria-label={t('pager.label')}>
      <button type="button" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))}>
        {t('pager.previous')}
      </button>
      <span data-testid="pager-range">
        {t('pager.range', { first: fmt.number(first), last: fmt.number(last), total: fmt.number(total) })}
      </span>
      <button type="button" disabled={last >= total} onClick={() => onChange(offset + limit)}>
        {t('pager.next')}
      </button>
    </nav>
  );
}
