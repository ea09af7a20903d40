// IANA time zones, checked against the runtime's own list (Intl throws a RangeError for any other
// name), so a channel's digest hour and quiet hours mean the same on the server and in the form.

export function isTimeZone(zone: string): boolean {
  if (zone.length === 0 || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
