/**
 * Files in the page: Blob downloads (an `<a download>` click is not a
 * navigation, so the UI's CSP allows it), base64 in slices, SHA-256 hex.
 */
function saveBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function downloadText(filename: string, mime: string, content: string): void {
  saveBlob(filename, new Blob([content], { type: mime }));
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function downloadBase64(filename: string, mime: string, base64: string): void {
  saveBlob(filename, new Blob([base64ToBytes(base64)], { type: mime }));
}

export function downloadParts(filename: string, mime: string, parts: Uint8Array<ArrayBuffer>[]): void {
  saveBlob(filename, new Blob(parts, { type: mime }));
}

const SLICE = 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += SLICE) binary += String.fromCharCode(...bytes.subarray(i, Math.min(i + SLICE, bytes.length)));
  return btoa(binary);
}

/** SHA-256 of bytes as lower-case hex (Web Crypto: available in Electron and on the loopback origin). */
export async function sha256Hex(data: BufferSource): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', data);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Reads a text file picked by the operator (UTF-8). */
export function readText(file: File): Promise<string> {
  return file.text();
}
