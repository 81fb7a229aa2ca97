/**
 * Saves generated content as a file: a Blob behind a short-lived object URL,
 * clicked through an <a download>. Downloads are not navigations, so the UI's
 * CSP (no blob: source) does not apply to them.
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
  // Revoked once the browser has taken the file.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function downloadText(filename: string, mime: string, content: string): void {
  saveBlob(filename, new Blob([content], { type: mime }));
}

export function downloadBase64(filename: string, mime: string, base64: string): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  saveBlob(filename, new Blob([bytes], { type: mime }));
}
