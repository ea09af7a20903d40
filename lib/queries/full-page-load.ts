/**
 * A full page load, not a client-side navigation: after signing in or out the dashboard layout must
 * run again on the server, which reads who is signed in.
 */
export function fullPageLoad(path: string): void {
  window.location.href = path;
}
