import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpOutput } from '@contract';
import { api } from '../api/client';
import { useSession } from '../app/session';
import { EmptyState } from '../components/EmptyState';
import { Choice, choicesOf } from '../components/Fields';
import { ErrorMessage } from '../components/ErrorMessage';
import { Pager } from '../components/Pager';
import { roleCanWrite } from '../domain';
import { routeHref } from '../hooks/useHashRoute';
import { useApiQuery } from '../hooks/useApiQuery';
import { useFormat } from '../hooks/useFormat';
import { FOLDER_FORMAT_LIST } from './sources/draft';
import { QUARANTINE_CODE_LIST, type QuarantineCode } from './quarantine/codes';
import { QuarantineTable } from './quarantine/QuarantineTable';

const PAGE_SIZE = 100;

/** `#/sources/quarantine?import=12` opens the quarantine of one import. */
function importFromHash(): string {
  const m = /[?&]import=(\d+)/.exec(window.location.hash);
  return m ? m[1] : '';
}

type Reprocessed = OpOutput<'quarantine.reprocess'>;

/** Records that could not be stored, with why; they can be re-processed (after a parser fix, or with another format). */
export function QuarantineSection() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const id = useId();
  const { status } = useSession();
  const canWrite = roleCanWrite(status.operator?.role);
  const [code, setCode] = useState<QuarantineCode | ''>('');
  const [importId, setImportId] = useState(importFromHash);
  const [includeResolved, setIncludeResolved] = useState(false);
  const [offset, setOffset] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [format, setFormat] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Reprocessed | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);

  const importNumber = /^\d+$/.test(importId.trim()) ? Number(importId.trim()) : undefined;
  const list = useApiQuery(
    'quarantine.list',
    {
      limit: PAGE_SIZE,
      offset,
      includeResolved,
      ...(code ? { code } : {}),
      ...(importNumber ? { importId: importNumber } : {}),
    },
    { refreshKey: tick },
  );
  const page = list.data;
  const filtered = code !== '' || importNumber !== undefined || includeResolved;

  const changeFilter = (fn: () => void) => {
    fn();
    setOffset(0);
    setSelected(new Set());
  };

  async function reprocess(all: boolean) {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const input = all ? { all: true } : { ids: [...selected] };
      setResult(await api.call('quarantine.reprocess', { ...input, ...(format ? { format: format as 'auto' } : {}) }));
      setSelected(new Set());
      setTick((n) => n + 1);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section data-testid="quarantine-section">
      <p className="muted page-intro">{t('quarantine.intro')}</p>
      <div className="card filters" role="search" aria-label={t('quarantine.filters.label')}>
        <Choice<QuarantineCode | ''>
          label={t('quarantine.filters.code')}
          testId="quarantine-filter-code"
          value={code}
          onChange={(v) => changeFilter(() => setCode(v))}
          empty={t('quarantine.filters.allCodes')}
          options={choicesOf(QUARANTINE_CODE_LIST, (c) => t(`quarantine.codes.${c}`))}
        />
        <div className="field">
          <label htmlFor={`${id}-import`}>{t('quarantine.filters.import')}</label>
          <input id={`${id}-import`} data-testid="quarantine-filter-import" inputMode="numeric" value={importId} onChange={(e) => changeFilter(() => setImportId(e.target.value))} />
        </div>
        <div className="field field-check">
          <input id={`${id}-resolved`} type="checkbox" checked={includeResolved} onChange={(e) => changeFilter(() => setIncludeResolved(e.target.checked))} />
          <label htmlFor={`${id}-resolved`}>{t('quarantine.filters.includeResolved')}</label>
        </div>
      </div>
      {canWrite && (
        <div className="card button-row" data-testid="quarantine-actions">
          <div className="field field-inline">
            <label htmlFor={`${id}-format`}>{t('quarantine.reprocess.format')}</label>
            <select id={`${id}-format`} data-testid="quarantine-reprocess-format" value={format} onChange={(e) => setFormat(e.target.value)}>
              <option value="">{t('quarantine.reprocess.original')}</option>
              {FOLDER_FORMAT_LIST.map((f) => (
                <option key={f} value={f}>
                  {t(`imports.formats.${f}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="button" data-testid="quarantine-reprocess-selected" disabled={busy || selected.size === 0} onClick={() => void reprocess(false)}>
            {t('quarantine.reprocess.selected', { count: selected.size })}
          </button>
          <button type="button" data-testid="quarantine-reprocess-all" disabled={busy || page?.total === 0} onClick={() => void reprocess(true)}>
            {t('quarantine.reprocess.all')}
          </button>
        </div>
      )}
      {result && (
        <p className={`result-message${result.stillQuarantined > 0 ? ' failure' : ''}`} role="status" data-testid="quarantine-reprocess-result">
          {t('quarantine.reprocess.result', {
            tried: fmt.number(result.tried),
            stored: fmt.number(result.stored),
            still: fmt.number(result.stillQuarantined),
            count: result.tried,
          })}
        </p>
      )}
      <ErrorMessage error={list.error ?? error} />
      {!page && list.loading && <p aria-busy="true">{t('common.loading')}</p>}
      {page && page.total === 0 && (
        <EmptyState title={t(filtered ? 'quarantine.noMatch' : 'quarantine.empty.title')} testId="quarantine-empty">
          {!filtered && <p>{t('quarantine.empty.body')}</p>}
          {!filtered && <a href={routeHref('sources', 'imports')}>{t('quarantine.empty.toImports')}</a>}
        </EmptyState>
      )}
      {page && page.total > 0 && (
        <>
          <p className="muted" data-testid="quarantine-total" data-total={page.total}>
            {t('quarantine.total', { count: page.total, formatted: fmt.number(page.total) })}
          </p>
          <QuarantineTable
            rows={page.items}
            selectable={canWrite}
            selected={selected}
            onToggle={(rowId, on) =>
              setSelected((s) => {
                const next = new Set(s);
                if (on) next.add(rowId);
                else next.delete(rowId);
                return next;
              })
            }
            onToggleAll={(on) => setSelected(on ? new Set(page.items.filter((r) => r.resolvedEventId === null).map((r) => r.id)) : new Set())}
          />
          <Pager offset={offset} limit={PAGE_SIZE} total={page.total} onChange={setOffset} />
        </>
      )}
    </section>
  );
}
