//! Wrong SMS codes, counted per ID number: after MAX_FAILURES within WINDOW_MS the login is
//! refused (429 `SHELL_LOGIN_LOCKED`, with the seconds left) until the oldest of those
//! failures leaves the window — the right code included, which is the point. A login that
//! succeeds clears the count.

export const MAX_FAILURES = 5;
export const WINDOW_MS = 10 * 60 * 1000;

export function createLockout(now) {
  const failures = new Map(); // certno → times of wrong codes, oldest first

  const recent = (key) => {
    const kept = (failures.get(key) ?? []).filter((at) => at > now() - WINDOW_MS);
    if (kept.length) failures.set(key, kept);
    else failures.delete(key);
    return kept;
  };

  return {
    /** Seconds until `key` may try again, or 0 when it may now. */
    secondsLeft(key) {
      const times = recent(key);
      if (times.length < MAX_FAILURES) return 0;
      const until = times[times.length - MAX_FAILURES] + WINDOW_MS;
      return Math.max(1, Math.ceil((until - now()) / 1000));
    },
    fail(key) {
      failures.set(key, [...recent(key), now()]);
    },
    clear(key) {
      failures.delete(key);
    },
    reset() {
      failures.clear();
    },
  };
}
