/** Browser-mode saving: hand bytes to the browser as a download. */
export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Returns false where there is no DOM (tests). */
export function downloadData(name: string, data: string, encoding: 'utf8' | 'base64', mime: string): boolean {
  if (typeof document === 'undefined') return false;
  const blob = new Blob([encoding === 'base64' ? base64ToBytes(data) : data], { type: mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return true;
}
