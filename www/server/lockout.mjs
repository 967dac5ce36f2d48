//! Wrong SMS codes, counted per ID number: after MAX_FAILURES within WINDOW_MS the login is
//! refused (429 `SHELL_LOGIN_LOCKED`, with the seconds left) until the oldest of those
//! failures leaves the window — the right code included, which is the point. A login that
//! succeeds clears the count.

export const MAX_FAILURES = 5;
export const WINDOW_MS = 10 * 60 * 1000;

/** `max` wrong codes within `windowMs` lock (the login's figures unless told otherwise). */
export function createLockout(now, { max = MAX_FAILURES, windowMs = WINDOW_MS } = {}) {
  const failures = new Map(); // certno → times of wrong codes, oldest first

  const recent = (key) => {
    const kept = (failures.get(key) ?? []).filter((at) => at > now() - windowMs);
    if (kept.length) failures.set(key, kept);
    else failures.delete(key);
    return kept;
  };

  return {
    /** Seconds until `key` may try again, or 0 when it may now. */
    secondsLeft(key) {
      const times = recent(key);
      if (times.length < max) return 0;
      const until = times[times.length - max] + windowMs;
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
