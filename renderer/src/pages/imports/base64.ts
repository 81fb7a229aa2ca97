const SLICE = 0x8000;

/** Base64 of raw bytes, built in slices (no giant argument lists, no Node Buffer in the renderer). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += SLICE) {
    binary += String.fromCharCode(...bytes.subarray(i, Math.min(i + SLICE, bytes.length)));
  }
  return btoa(binary);
}
