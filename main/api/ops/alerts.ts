/**
 * Contract operation of the alert list (main/alerts/queries.ts): paged, filtered by severity, status and activity
 * window — the filters the dashboard's alert panels link with (`#/alerts?q=…`). zod and types only.
 */
import { z } from 'zod';
import type { AlertRow, Page } from '../contract';
import { isoDate, op, pageInput } from './define';
import { ALERT_STATUS_VALUES } from './detection';

/** The contract's SEVERITIES (not imported: contract.ts imports this file). */
const SEVERITY_VALUES = ['info', 'low', 'medium', 'high', 'critical'] as const;

export const alertListOps = {
  'alerts.list': op<Page<AlertRow>>()(
    pageInput.extend({
      severities: z.array(z.enum(SEVERITY_VALUES)).max(SEVERITY_VALUES.length).optional(),
      statuses: z.array(z.enum(ALERT_STATUS_VALUES)).max(ALERT_STATUS_VALUES.length).optional(),
      /** Alerts active in [activeFrom, activeTo): first seen before `activeTo`, last seen at or after `activeFrom`. */
      activeFrom: isoDate.optional(),
      activeTo: isoDate.optional(),
    }),
    'any',
  ),
};
