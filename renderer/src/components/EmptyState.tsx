import type { ReactNode } from 'react';

interface Props {
  title: string;
  children?: ReactNode;
  testId?: string;
}

/** What a screen will hold and what to do next, instead of an empty table. */
export function EmptyState({ title, children, testId = 'empty-state' }: Props) {
  return (
    <section className="empty-state" data-testid={testId}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}
