// The page's clock. The jar reads it through its `now` option, so the page decides what time it
// is: real time plus an offset the buttons move, paused or running, and fixed at a step's time
// while a shared scenario is replayed.

export class Clock {
  /** Milliseconds the page's time is ahead of real time. */
  offset = 0;
  /** The real time at which the clock was paused, or null while it runs. */
  pausedAt = null;
  /** While a step is replayed: its time. */
  #fixed = null;

  now() {
    return this.#fixed ?? (this.pausedAt ?? Date.now()) + this.offset;
  }

  get paused() {
    return this.pausedAt !== null;
  }

  moveBy(ms) {
    this.offset += ms;
  }

  pause() {
    if (this.pausedAt === null) this.pausedAt = Date.now();
  }

  /** Runs again from the time it was paused at. */
  resume() {
    if (this.pausedAt === null) return;
    this.offset -= Date.now() - this.pausedAt;
    this.pausedAt = null;
  }

  /** Back to real time, running. */
  reset() {
    this.offset = 0;
    this.pausedAt = null;
  }

  /** `run()` with the clock fixed at `time`. */
  at(time, run) {
    this.#fixed = time;
    try {
      return run();
    } finally {
      this.#fixed = null;
    }
  }
}

/** "2026-05-01 12:00:00 UTC" (UTC, so that a shared link reads the same everywhere). */
export function formatTime(ms) {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? String(ms) : `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

const UNITS = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['min', 60_000],
  ['s', 1000],
];

/** A duration in its two largest units: "59 s", "1 min 5 s", "2 h 3 min", "400 d". */
export function formatDuration(ms) {
  let rest = Math.floor(Math.abs(ms) / 1000) * 1000;
  const parts = [];
  for (const [unit, size] of UNITS) {
    if (rest >= size || (parts.length === 0 && unit === 's')) {
      parts.push(`${Math.floor(rest / size)} ${unit}`);
      rest %= size;
    } else if (parts.length > 0) {
      break;
    }
    if (parts.length === 2) break;
  }
  return parts.join(' ');
}
