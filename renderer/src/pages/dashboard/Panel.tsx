import { useId, type ReactNode } from 'react';

interface Props {
  title: string;
  testId: string;
  /** Controls shown next to the title (toggles, totals). */
  actions?: ReactNode;
  wide?: boolean;
  children: ReactNode;
}

/** One dashboard panel: a titled card (the title names the region for assistive technologies). */
export function Panel({ title, testId, actions, wide = false, children }: Props) {
  const id = useId();
  return (
    <section className={wide ? 'card panel wide' : 'card panel'} data-testid={testId} aria-labelledby={id}>
      <header className="panel-head">
        <h2 id={id}>{title}</h2>
        {actions}
      </header>
      {children}
    </section>
  );
}
