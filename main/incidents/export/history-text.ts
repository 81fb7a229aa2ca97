/**
 * French wording of the incident-history rows written by the legal and
 * sharing code (`export`, `import`, `ars.*`, `gdpr.*`, `tlp.*`); every other
 * field is worded by `../history-labels.ts`.
 */
import { describeHistory, type HistoryText } from '../history-labels';
import { formatParisWithOffset } from '../legal/time';

const when = (v: string | null) => {
  const t = v ? Date.parse(v.split(' ')[0]) : NaN;
  return Number.isFinite(t) ? formatParisWithOffset(t) : (v ?? '—');
};
const ITEM: Record<string, string> = { observable: 'observable', timeline: 'entrée de chronologie', evidence: 'preuve' };

export function historyText(field: string, from: string | null, to: string | null): HistoryText {
  switch (field) {
    case 'export': {
      try {
        const e = JSON.parse(to ?? '{}') as { format?: string; tlp?: string | null; filename?: string };
        const level = e.tlp ? ` (TLP:${e.tlp})` : '';
        return { title: `Export ${String(e.format ?? '').toUpperCase()}${level}`, content: e.filename ?? '' };
      } catch {
        return { title: 'Export', content: to ?? '' };
      }
    }
    case 'import':
      return { title: 'Paquet partagé importé', content: to ?? '' };
    case 'ars.qualification':
      return { title: `Qualification ARS : ${from ?? 'non qualifié'} → ${to ?? '—'}`, content: '' };
    case 'ars.declared':
      return to ? { title: `Signalement ARS / CERT Santé fait le ${when(to)}`, content: '' } : { title: 'Date de signalement ARS effacée', content: '' };
    case 'gdpr.registered':
      return { title: `Violation de données inscrite au registre : ${to ?? ''}`, content: '' };
    case 'gdpr.notified':
      return to ? { title: `Notification à la CNIL le ${when(to)}`, content: '' } : { title: 'Date de notification CNIL effacée', content: '' };
    case 'gdpr.subjects':
      return to ? { title: `Personnes concernées informées le ${when(to)}`, content: '' } : { title: 'Date de communication aux personnes effacée', content: '' };
    default: {
      const tlp = /^tlp\.(\w+)$/.exec(field);
      if (tlp) return { title: `TLP d’un(e) ${ITEM[tlp[1]] ?? tlp[1]} modifié`, content: `${from ?? '—'} → ${to ?? '—'}` };
      return describeHistory(field, from, to);
    }
  }
}
