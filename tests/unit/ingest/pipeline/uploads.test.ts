import { describe, expect, it } from 'vitest';
import { UploadSessions } from '../../../../main/ingest/pipeline/uploads';
import { count, runtime, syslogLine, tempVault } from './helpers';

describe('upload sessions', () => {
  it('expire after 10 minutes without data: the import is cancelled with the reason', async () => {
    const { db } = await tempVault();
    const rt = runtime(db);
    let now = 1_000_000;
    const sessions = new UploadSessions(rt, 10 * 60_000, () => now);
    const first = Buffer.from(`${syslogLine(1)}\n`);
    const { uploadId, importId } = await sessions.begin('late.log', first.length + 100, {});
    expect(await sessions.chunk(uploadId, 0, first.toString('base64'))).toEqual({ receivedBytes: first.length });
    now += 9 * 60_000;
    expect(await sessions.sweep()).toBe(0);
    now += 2 * 60_000;
    expect(await sessions.sweep()).toBe(1);
    const row = await rt.wait(importId);
    expect(row).toMatchObject({ status: 'cancelled' });
    expect(row?.message).toMatch(/Envoi expiré/);
    await expect(sessions.chunk(uploadId, 1, '')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(sessions.count).toBe(0);
  });

  it('feed the pipeline as they arrive (nothing on disk) and end with the stream', async () => {
    const { db } = await tempVault();
    const rt = runtime(db, { batchEvents: 100 });
    const sessions = new UploadSessions(rt);
    const data = Buffer.from(Array.from({ length: 3000 }, (_, i) => syslogLine(i)).join('\n'));
    const { uploadId, importId } = await sessions.begin('a.log', data.length, { format: 'syslog' });
    for (let p = 0, seq = 0; p < data.length; p += 10_000) {
      await sessions.chunk(uploadId, seq++, data.subarray(p, p + 10_000).toString('base64'));
    }
    await sessions.commit(uploadId);
    expect(await rt.wait(importId)).toMatchObject({ status: 'done', stored: 3000, format: 'syslog' });
    expect(await count(db, 'events')).toBe(3000);
  });
});
