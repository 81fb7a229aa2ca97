import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/PageHeader';
import { routeHref, useHashTab } from '../hooks/useHashRoute';
import { CareImport } from './rules/CareImport';
import { RetroHunt } from './rules/RetroHunt';
import { RuleEditor } from './rules/RuleEditor';
import { RulesList } from './rules/RulesList';
import { WatchlistPanel } from './rules/WatchlistPanel';
import { WorkingHoursForm } from './rules/WorkingHoursForm';
import './rules/rules.css';

const TABS = ['list', 'editor', 'retro', 'lists'] as const;
type Tab = (typeof TABS)[number];

/** Règles: the Sigma rules (list, import, editor with live validation and dry run), retro-hunts, watch-list and care relationships. */
export function RulesPage() {
  const { t } = useTranslation();
  const tab = useHashTab<Tab>(TABS, 'list');
  // The rule opened in the editor (null: a new rule); the key remounts the editor on each opening.
  const [edit, setEdit] = useState<{ id: string | null; n: number }>({ id: null, n: 0 });

  const open = (id: string | null) => {
    setEdit((e) => ({ id, n: e.n + 1 }));
    window.location.hash = routeHref('rules', 'editor');
  };

  return (
    <div className="page" data-testid="page-rules">
      <PageHeader title={t('rules.title')}>
        <button type="button" onClick={() => open(null)} data-testid="rule-new">
          {t('rules.new')}
        </button>
      </PageHeader>
      <nav className="tabs" aria-label={t('rules.tabs.label')}>
        {TABS.map((name) => (
          <a
            key={name}
            href={routeHref('rules', name === 'list' ? undefined : name)}
            aria-current={name === tab ? 'page' : undefined}
            data-testid={`rules-tab-${name}`}
          >
            {t(`rules.tabs.${name}`)}
          </a>
        ))}
      </nav>
      {tab === 'list' && <RulesList onEdit={open} />}
      {tab === 'editor' && <RuleEditor key={edit.n} editId={edit.id} />}
      {tab === 'retro' && <RetroHunt />}
      {tab === 'lists' && (
        <>
          <WorkingHoursForm />
          <WatchlistPanel />
          <CareImport />
        </>
      )}
    </div>
  );
}
