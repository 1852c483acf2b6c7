/**
 * Whether a URL opens only on the computer that serves it (localhost, 127.x.x.x, ::1). A batch's
 * QR code and the links in mail are built on `PUBLIC_URL`: on such a host every phone that scans
 * a label, and every colleague who clicks a link, reaches their own device instead.
 */
export function isLocalOnlyUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127(\.\d{1,3}){3}$/.test(host) ||
    host === '[::1]' ||
    host === '0.0.0.0'
  );
}
