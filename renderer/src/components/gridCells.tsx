import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import type { GridColumn } from './VirtualGrid';

/** What a cell shows for a missing value. */
export const dash = (value: string | null | undefined): string => value ?? '—';

/** `success` / `failure` / `unknown` in the reader's language (other values as they are). */
export const outcomeText = (t: TFunction, outcome: string): string => t(`events.outcome.${outcome}`, { defaultValue: outcome });

/** The break-glass badge of access traces (text and pictogram, never colour alone). */
export function BreakGlassBadge({ title, testId, children }: { title?: string; testId?: string; children: ReactNode }) {
  return (
    <span className="badge badge-break-glass" data-testid={testId} title={title}>
      {children}
    </span>
  );
}

/** Grid columns from a list of keys: one header text and one cell renderer for all of them. */
export function gridColumns<T, K extends string>(
  keys: readonly K[],
  header: (key: K) => ReactNode,
  cell: (row: T, key: K) => ReactNode,
  title?: (row: T, key: K) => string | undefined,
): GridColumn<T>[] {
  return keys.map((key) => ({ key, header: header(key), cell: (row) => cell(row, key), title: title && ((row) => title(row, key)) }));
}
