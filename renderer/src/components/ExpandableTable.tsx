import { Fragment, type ReactNode } from 'react';

interface Props<T extends { id: number }> {
  items: T[];
  label: string;
  testId: string;
  /** Shown instead of the table when there is nothing to list. */
  empty: { text: string; testId: string };
  headers: { label: ReactNode; className?: string }[];
  /** The item's `<tr>`. */
  row: (item: T) => ReactNode;
  /** What opens under the item across every column (null: closed). */
  detail: (item: T) => ReactNode | null;
}

/** Plain table whose rows can open a detail row under them (evidence custody, observable sightings). */
export function ExpandableTable<T extends { id: number }>({ items, label, testId, empty, headers, row, detail }: Props<T>) {
  if (items.length === 0) {
    return (
      <p className="muted" data-testid={empty.testId}>
        {empty.text}
      </p>
    );
  }
  return (
    <div className="table-wrap">
      <table className="table" aria-label={label} data-testid={testId}>
        <thead>
          <tr>
            {headers.map((h, i) => (
              <th key={i} scope="col" className={h.className}>
                {h.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const open = detail(item);
            return (
              <Fragment key={item.id}>
                {row(item)}
                {open !== null && (
                  <tr className="subrow">
                    <td colSpan={headers.length}>{open}</td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
