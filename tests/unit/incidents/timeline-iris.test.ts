import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { IRIS_HEADER, exportIrisTimeline, formatIrisDate, importIrisTimeline, parseIrisDate } from '../../../main/incidents/iris';
import { createIncident } from '../../../main/incidents/queries';
import { addTimelineEntry, listTimeline } from '../../../main/incidents/timeline';
import { updateIncident } from '../../../main/incidents/update';
import { T0, history, useVault } from './fixture';

const v = useVault();
const incident = (title = 'Rançongiciel') => createIncident(v.db, { title, severity: 'high', category: 'ransomware' }, 'Alice', { at: new Date(T0) });

/** Canonical IRIS CSV (as Vigie writes it): header, then every field quoted, oldest first. */
const CSV = [
  IRIS_HEADER,
  '"2023-03-26T03:00:30.000","+00:00","An event","Unspecified","Event description","raw","source","","","defender|malicious"',
  '"2026-03-28T23:30:00.000","+01:00","Premiers échecs d\'écriture PACS","Impact","Fichiers renommés en .lockbit, ""urgent""","write failed: /var/local/dcm4chee/fs1","pacs01.ch-montelimar.fr","pacs01;nas02","185.220.101.47|evil.example.com","rançongiciel|pacs"',
  '"2026-03-29T03:15:00.000","+02:00","Chiffrement du partage","Impact","Ligne 1\nLigne 2","","RSSI CH","","","dst"',
].join('\n') + '\n';

describe('DFIR-IRIS timeline CSV', () => {
  it('exports with exactly the IRIS header', async () => {
    const inc = await incident();
    const out = await exportIrisTimeline(v.db, inc.id);
    expect(out.content.split('\n')[0]).toBe('event_date,event_tz,event_title,event_category,event_content,event_raw,event_source,event_assets,event_iocs,event_tags');
    expect(out).toMatchObject({ filename: `incident-${inc.id}-timeline-iris.csv`, mime: 'text/csv' });
    const rows = parse(out.content, { columns: true }) as Record<string, string>[];
    // T0 = 10/03/2026 08:00 UTC: 09:00 in Paris (winter time).
    expect(rows).toEqual([
      expect.objectContaining({ event_date: '2026-03-10T09:00:00.000', event_tz: '+01:00', event_title: 'Incident créé : Rançongiciel', event_source: 'Vigie (Alice)', event_tags: 'vigie|created' }),
    ]);
    expect(JSON.parse(rows[0].event_raw)).toMatchObject({ vigie: 'auto', incident: expect.stringMatching(/^[0-9a-f-]{36}$/), field: 'created' });
  });

  it('writes automatic entries in Paris time, with the right offset on each side of a DST change', async () => {
    // Created on Saturday 28/03/2026 23:30 Paris (UTC+1); summer time starts on Sunday 29/03 at 02:00 → 03:00.
    const before = Date.UTC(2026, 2, 28, 22, 30);
    const inc = await createIncident(v.db, { title: 'Panne PACS', severity: 'high', category: 'ransomware' }, 'Alice', { at: new Date(before) });
    await updateIncident(v.db, inc.id, { phase: 'qualification' }, 'Bruno', { at: new Date(Date.UTC(2026, 2, 29, 0, 59, 59)) }); // 01:59:59 +01:00
    await updateIncident(v.db, inc.id, { phase: 'confinement' }, 'Bruno', { at: new Date(Date.UTC(2026, 2, 29, 1, 0, 0)) }); // 03:00:00 +02:00
    // Autumn: 25/10/2026 the hour 02:00–02:59 happens twice (+02:00 then +01:00).
    await updateIncident(v.db, inc.id, { phase: 'eradication' }, 'Bruno', { at: new Date(Date.UTC(2026, 9, 25, 0, 30)) });
    await updateIncident(v.db, inc.id, { phase: 'remediation' }, 'Bruno', { at: new Date(Date.UTC(2026, 9, 25, 1, 30)) });
    const auto = (await listTimeline(v.db, inc.id)).filter((e) => e.kind === 'auto');
    expect(auto.map((e) => e.tz)).toEqual(['+01:00', '+01:00', '+02:00', '+02:00', '+01:00']);
    const rows = parse((await exportIrisTimeline(v.db, inc.id)).content, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.event_date, r.event_tz])).toEqual([
      ['2026-03-28T23:30:00.000', '+01:00'],
      ['2026-03-29T01:59:59.000', '+01:00'],
      ['2026-03-29T03:00:00.000', '+02:00'],
      ['2026-10-25T02:30:00.000', '+02:00'],
      ['2026-10-25T02:30:00.000', '+01:00'],
    ]);
    // Each written time reads back as the same instant.
    expect(rows.map((r) => parseIrisDate(r.event_date, r.event_tz))).toEqual(auto.map((e) => Date.parse(e.at)));
    // A manual entry given in UTC is written in Paris time too; one given with its own offset keeps it.
    expect((await addTimelineEntry(v.db, inc.id, { at: '2026-07-14T10:00:00Z', title: 'Défilé' }, 'Chloé')).tz).toBe('+02:00');
    expect((await addTimelineEntry(v.db, inc.id, { at: '2026-07-14T10:00:00-04:00', title: 'Appel Montréal' }, 'Chloé')).tz).toBe('-04:00');
  });

  it('re-importing its own export (automatic entries included) adds nothing; another incident keeps them with their provenance', async () => {
    const inc = await incident();
    await updateIncident(v.db, inc.id, { phase: 'qualification' }, 'Bruno', { at: new Date(T0 + 60_000) });
    await importIrisTimeline(v.db, inc.id, CSV, 'Bruno');
    const exported = (await exportIrisTimeline(v.db, inc.id)).content;
    const before = await listTimeline(v.db, inc.id);
    expect(before.filter((e) => e.kind === 'auto')).toHaveLength(3); // created, phase, timeline.import
    expect(await importIrisTimeline(v.db, inc.id, exported, 'Chloé')).toEqual({ imported: 0, duplicates: 6, rejected: [] });
    expect(await listTimeline(v.db, inc.id)).toEqual(before);
    expect((await exportIrisTimeline(v.db, inc.id)).content).toBe(exported);

    // Into another incident: the first's automatic entries become imported entries, source and raw marker kept.
    const other = await incident('Autre');
    expect(await importIrisTimeline(v.db, other.id, exported, 'Chloé')).toMatchObject({ imported: 6, duplicates: 0 });
    const copied = (await listTimeline(v.db, other.id, { automatic: false })).filter((e) => e.source === 'Vigie (Bruno)');
    expect(copied.map((e) => [e.kind, e.actor, e.title])).toEqual([['iris', 'Chloé', 'Phase : Détection → Qualification'], ['iris', 'Chloé', expect.stringMatching(/importée/)]]);
    expect(JSON.parse(copied[0].raw)).toMatchObject({ vigie: 'auto', field: 'phase' });
    // … and once only.
    expect(await importIrisTimeline(v.db, other.id, exported, 'Chloé')).toMatchObject({ imported: 0, duplicates: 6 });
    // Its export, imported back into the first incident, still adds nothing there.
    const back = (await exportIrisTimeline(v.db, other.id)).content;
    const r = await importIrisTimeline(v.db, inc.id, back, 'Bruno');
    // Only the second incident's own automatic entries (its creation, its one import) are new to the first.
    expect(r).toMatchObject({ imported: 2, duplicates: 6 });
    const titles = (await listTimeline(v.db, inc.id)).map((e) => e.title);
    expect(titles.filter((x) => x === 'Phase : Détection → Qualification')).toHaveLength(1);
  });

  it('round-trips: import then export gives the same file, across DST offsets, quotes, commas and new lines', async () => {
    const inc = await incident();
    expect(await importIrisTimeline(v.db, inc.id, CSV, 'Bruno')).toEqual({ imported: 3, duplicates: 0, rejected: [] });
    const out = await exportIrisTimeline(v.db, inc.id, { automatic: false });
    expect(out.content).toBe(CSV);
    const entries = (await listTimeline(v.db, inc.id, { automatic: false }));
    expect(entries.map((e) => e.at)).toEqual(['2023-03-26T03:00:30.000Z', '2026-03-28T22:30:00.000Z', '2026-03-29T01:15:00.000Z']);
    expect(entries[1]).toMatchObject({ kind: 'iris', assets: ['pacs01', 'nas02'], iocs: ['185.220.101.47', 'evil.example.com'], tags: ['rançongiciel', 'pacs'], actor: 'Bruno' });

    // Into another incident and out again: still identical.
    const other = await incident('Autre');
    await importIrisTimeline(v.db, other.id, out.content, 'Chloé');
    expect((await exportIrisTimeline(v.db, other.id, { automatic: false })).content).toBe(CSV);
  });

  it('de-duplicates on import (same instant written in another offset too) and records the import once', async () => {
    const inc = await incident();
    await importIrisTimeline(v.db, inc.id, CSV, 'Bruno');
    expect(await importIrisTimeline(v.db, inc.id, CSV, 'Bruno')).toEqual({ imported: 0, duplicates: 3, rejected: [] });
    const shifted = `${IRIS_HEADER}\n"2023-03-26T05:00:30.000","+02:00","An event","Unspecified","Event description","raw","source","","",""\n`;
    expect(await importIrisTimeline(v.db, inc.id, shifted, 'Bruno')).toMatchObject({ imported: 0, duplicates: 1 });
    expect(await v.db.get('SELECT count(*) AS n FROM incident_timeline')).toEqual({ n: 3 });
    expect((await history(v.db, inc.id)).filter((r) => r.field === 'timeline.import').map((r) => r.to_value)).toEqual([
      '3 entrée(s) importée(s) (DFIR-IRIS CSV), 0 doublon(s), 0 rejetée(s)',
    ]);
  });

  it('reports unreadable rows with their line, refuses a wrong header', async () => {
    const inc = await incident();
    const csv = `${IRIS_HEADER}\n"2026-02-30T10:00:00.000","+00:00","Date impossible","","","","","","",""\n"2026-03-01T10:00:00","Europe/Paris","Fuseau","","","","","","",""\n"2026-03-01 10:00:00","+0100","Bon","","","","","","",""\n"2026-03-01T10:00:00.000","+00:00","   ","","","","","","",""\n`;
    const r = await importIrisTimeline(v.db, inc.id, csv, 'a');
    expect(r.imported).toBe(1);
    expect(r.rejected.map((x) => x.line)).toEqual([2, 3, 5]);
    expect(r.rejected[0].message).toMatch(/event_date/);
    expect(r.rejected[1].message).toMatch(/event_tz/);
    expect((await listTimeline(v.db, inc.id, { automatic: false }))[0]).toMatchObject({ at: '2026-03-01T09:00:00.000Z', tz: '+01:00', category: 'Unspecified' });
    await expect(importIrisTimeline(v.db, inc.id, 'date,title\n1,2\n', 'a')).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining(IRIS_HEADER) });
    await expect(importIrisTimeline(v.db, inc.id, `${IRIS_HEADER}\n"a","b"\n`, 'a')).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('parses and formats dates around the Paris DST change', () => {
    expect(parseIrisDate('2026-03-29T01:59:59.999', '+01:00')).toBe(Date.UTC(2026, 2, 29, 0, 59, 59, 999));
    expect(parseIrisDate('2026-03-29T03:00:00.000', '+02:00')).toBe(Date.UTC(2026, 2, 29, 1, 0, 0));
    expect(parseIrisDate('2026-10-25T02:30:00Z', '+02:00')).toBe(Date.UTC(2026, 9, 25, 2, 30));
    expect(formatIrisDate(Date.UTC(2026, 9, 25, 0, 30), '+02:00')).toBe('2026-10-25T02:30:00.000');
    expect(formatIrisDate(Date.UTC(2026, 9, 25, 1, 30), '+01:00')).toBe('2026-10-25T02:30:00.000');
    expect(parseIrisDate('2026-13-01T00:00:00', '+00:00')).toBeNull();
  });
});

describe('timeline', () => {
  it('mixes automatic entries from the history with manual ones, in time order', async () => {
    const inc = await incident();
    await updateIncident(v.db, inc.id, { phase: 'qualification', severity: 'critical' }, 'Bruno', { at: new Date(T0 + 60_000) });
    const manual = await addTimelineEntry(v.db, inc.id, { at: new Date(T0 + 30_000).toISOString(), title: 'Appel du RSSI', tags: ['appel'] }, 'Chloé');
    expect(manual).toMatchObject({ kind: 'manual', title: 'Appel du RSSI', actor: 'Chloé', tags: ['appel'] });
    expect(await addTimelineEntry(v.db, inc.id, { at: new Date(T0 + 30_000).toISOString(), title: 'Appel du RSSI', tags: ['appel'] }, 'Chloé')).toEqual(manual);
    const tl = await listTimeline(v.db, inc.id);
    expect(tl.map((e) => [e.kind, e.title])).toEqual([
      ['auto', 'Incident créé : Rançongiciel'],
      ['manual', 'Appel du RSSI'],
      ['auto', 'Gravité : élevée → critique'],
      ['auto', 'Phase : Détection → Qualification'],
      ['auto', 'Entrée de chronologie ajoutée : Appel du RSSI'],
    ]);
    await expect(addTimelineEntry(v.db, inc.id, { at: 'hier', title: 'x' }, 'a')).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
