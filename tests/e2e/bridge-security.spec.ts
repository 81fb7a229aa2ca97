import { expect, test } from './support/fixtures';

const STATUS = '/api/call/vault.status';
const JSON_HEADERS = { 'Content-Type': 'application/json' };

test.describe('pont HTTP local', () => {
  test('sans jeton : 401', async ({ request, engine }) => {
    const res = await request.post(`${engine.origin}${STATUS}`, { headers: JSON_HEADERS, data: {} });
    expect(res.status()).toBe(401);
    expect(res.headers()['access-control-allow-origin']).toBeUndefined();
  });

  test('mauvais jeton : 401', async ({ request, engine }) => {
    const wrong = engine.token.replace(/./g, (c) => (c === '0' ? '1' : '0'));
    const res = await request.post(`${engine.origin}${STATUS}`, {
      headers: { ...JSON_HEADERS, Authorization: `Bearer ${wrong}` },
      data: {},
    });
    expect(res.status()).toBe(401);
    const events = await request.get(`${engine.origin}/api/events`, { headers: { Authorization: `Bearer ${wrong}` } });
    expect(events.status()).toBe(401);
  });

  test('en-tête Host étranger (rebinding DNS) : refusé', async ({ request, engine }) => {
    const res = await request.post(`${engine.origin}${STATUS}`, {
      headers: { ...JSON_HEADERS, Authorization: `Bearer ${engine.token}`, Host: 'evil.example' },
      data: {},
    });
    expect([403, 421]).toContain(res.status());
    const page = await request.get(`${engine.origin}/`, { headers: { Host: 'evil.example' } });
    expect([403, 421]).toContain(page.status());
  });

  test('bon jeton : enveloppe, et aucun en-tête CORS nulle part', async ({ request, engine }) => {
    const res = await request.post(`${engine.origin}${STATUS}`, {
      headers: { ...JSON_HEADERS, Authorization: `Bearer ${engine.token}`, Origin: 'https://evil.example' },
      data: {},
    });
    expect(res.status()).toBeGreaterThanOrEqual(400);
    expect(res.headers()['access-control-allow-origin']).toBeUndefined();

    const ok = await request.post(`${engine.origin}${STATUS}`, {
      headers: { ...JSON_HEADERS, Authorization: `Bearer ${engine.token}` },
      data: {},
    });
    expect(ok.status()).toBe(200);
    expect(await ok.json()).toMatchObject({ ok: true, data: { state: 'absent' } });
    expect(ok.headers()['access-control-allow-origin']).toBeUndefined();

    const preflight = await request.fetch(`${engine.origin}${STATUS}`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.headers()['access-control-allow-origin']).toBeUndefined();

    const html = await request.get(`${engine.origin}/`);
    expect(html.status()).toBe(200);
    expect(html.headers()['access-control-allow-origin']).toBeUndefined();
    expect(html.headers()['content-security-policy']).toContain("script-src 'self'");
  });

  test('la page ne garde pas le jeton dans l’adresse', async ({ page, engine }) => {
    await page.goto(engine.url);
    await expect(page.getByTestId('create-vault')).toBeVisible();
    expect(page.url()).toBe(`${engine.origin}/`);
    type Storage = { sessionStorage: { getItem(key: string): string | null } };
    const stored = await page.evaluate(() => (globalThis as unknown as Storage).sessionStorage.getItem('vigie.bridgeToken'));
    expect(stored).toBe(engine.token);
  });

  test('page ouverte sans jeton : message clair, aucun accès', async ({ page, engine }) => {
    await page.goto(`${engine.origin}/`);
    await expect(page.getByTestId('boot-error')).toContainText('jeton de session est absent ou invalide');
    await expect(page.getByTestId('create-vault')).toHaveCount(0);
  });
});
