import { expect, type Download, type Locator, type Page } from '@playwright/test';

export type IncidentTab = 'summary' | 'tasks' | 'timeline' | 'evidence' | 'observables' | 'legal' | 'history' | 'exports' | 'links';

/** A wall-clock time in Paris as a `datetime-local` value (`2026-03-28T10:00`). */
export function parisInput(date: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Paris',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** One incident (`#/incidents/<id>`): header, tabs and their panels. */
export class IncidentPage {
  readonly heading: Locator;
  readonly title: Locator;
  readonly phase: Locator;
  readonly historyRows: Locator;
  readonly taskRows: Locator;
  readonly evidenceRows: Locator;
  readonly timelineEntries: Locator;
  readonly toasts: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByTestId('page-heading');
    this.title = page.getByTestId('incident-title');
    this.phase = page.getByTestId('incident-phase');
    this.historyRows = page.getByTestId('history-table-row');
    this.taskRows = page.getByTestId('tasks-table-row');
    this.evidenceRows = page.getByTestId('evidence-row');
    this.timelineEntries = page.getByTestId('timeline-entry');
    this.toasts = page.getByTestId('toast');
  }

  /** The incident's number, read from the address. */
  id(): number {
    const m = /#\/incidents\/(\d+)/.exec(new URL(this.page.url()).hash);
    if (!m) throw new Error(`not on an incident: ${this.page.url()}`);
    return Number(m[1]);
  }

  async goto(origin: string, id: number, tab: IncidentTab = 'summary'): Promise<void> {
    await this.page.goto(`${origin}/#/incidents/${id}${tab === 'summary' ? '' : `/${tab}`}`);
    await expect(this.panel(tab)).toBeVisible();
  }

  tab(name: IncidentTab): Locator {
    return this.page.getByTestId(`tab-${name}`);
  }

  panel(name: IncidentTab): Locator {
    return this.page.getByTestId(`panel-${name}`);
  }

  async open(name: IncidentTab): Promise<Locator> {
    await this.tab(name).click();
    await expect(this.tab(name)).toHaveAttribute('aria-current', 'page');
    await expect(this.panel(name)).toBeVisible();
    return this.panel(name);
  }

  /** History rows of one field (`severity`, `task#3.status`…). */
  history(field: string): Locator {
    return this.historyRows.filter({ has: this.page.locator(`[data-field="${field}"]`) });
  }

  /** Clicks `trigger` and returns the file the page saved. */
  async download(trigger: Locator): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), trigger.click()]);
    return download;
  }
}
