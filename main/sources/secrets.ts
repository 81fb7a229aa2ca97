/**
 * Credentials of sources (bearer tokens, basic-auth passwords, TLS private
 * keys): stored only in the `secrets` table, i.e. inside the encrypted vault.
 * They are read only where they are used (an outgoing request, a TLS
 * context), never returned by an operation (sources expose `hasSecret`),
 * never put in log metadata or error messages.
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import { VigieError } from '../api/errors';
import type { Db } from '../store/db';

/** Longest secret accepted (a PEM chain with its key fits easily). */
export const MAX_SECRET_BYTES = 64 * 1024;

/** Name of the `secrets` row of a source: what its config's `secretRef` holds. */
export function secretNameFor(sourceId: number): string {
  return `source:${sourceId}`;
}

export async function putSecret(db: Db, name: string, value: string, now = Date.now()): Promise<void> {
  if (value.length === 0) throw new VigieError('VALIDATION', 'Secret vide.');
  if (Buffer.byteLength(value, 'utf8') > MAX_SECRET_BYTES) {
    throw new VigieError('VALIDATION', `Secret trop long (maximum ${MAX_SECRET_BYTES} octets).`);
  }
  await db.run(
    `INSERT INTO secrets (name, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    [name, value, now],
  );
}

export async function getSecret(db: Db, name: string): Promise<string | null> {
  const row = await db.get<{ value: string }>('SELECT value FROM secrets WHERE name = ?', [name]);
  return row?.value ?? null;
}

export async function deleteSecret(db: Db, name: string): Promise<void> {
  await db.run('DELETE FROM secrets WHERE name = ?', [name]);
}

/** Names (never values) of all stored secrets. */
export async function existingSecretNames(db: Db): Promise<Set<string>> {
  const rows = await db.all<{ name: string }>('SELECT name FROM secrets');
  return new Set(rows.map((r) => r.name));
}

// ---------------------------------------------------------------- TLS material

export interface TlsMaterial {
  cert: string;
  key: string;
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

/**
 * Splits a PEM bundle (certificate chain + private key, in any order) and
 * checks that the key matches the certificate. Errors never quote the key.
 */
export function parseTlsBundle(bundle: string): TlsMaterial & { notAfter: string; subject: string } {
  const certs: string[] = [];
  const keys: string[] = [];
  for (const m of bundle.matchAll(PEM_BLOCK)) {
    if (m[1] === 'CERTIFICATE') certs.push(m[0]);
    else if (/PRIVATE KEY$/.test(m[1])) keys.push(m[0]);
  }
  if (certs.length === 0) throw new VigieError('VALIDATION', 'Secret TLS : aucun bloc « BEGIN CERTIFICATE » (PEM) trouvé.');
  if (keys.length !== 1) {
    throw new VigieError('VALIDATION', 'Secret TLS : il faut exactement une clé privée PEM non chiffrée (« BEGIN PRIVATE KEY »).');
  }
  if (/ENCRYPTED/.test(keys[0])) throw new VigieError('VALIDATION', 'Secret TLS : clé privée chiffrée non prise en charge.');
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(certs[0]);
  } catch {
    throw new VigieError('VALIDATION', 'Secret TLS : certificat illisible.');
  }
  try {
    if (!x509.checkPrivateKey(createPrivateKey(keys[0]))) {
      throw new VigieError('VALIDATION', 'Secret TLS : la clé privée ne correspond pas au certificat.');
    }
    createSecureContext({ cert: certs.join('\n'), key: keys[0] });
  } catch (e) {
    if (e instanceof VigieError) throw e;
    throw new VigieError('VALIDATION', 'Secret TLS : clé privée ou certificat inutilisable.');
  }
  return { cert: certs.join('\n'), key: keys[0], notAfter: new Date(x509.validTo).toISOString(), subject: x509.subject };
}
