import type { Clock } from './clock.js';

// Runs an action at most once per interval however often it is asked for: the first request runs
// it at once, later ones within the interval fold into a single run at the interval's end. A sheet
// that answers `resync: true` to every batch would otherwise make the relay list Teleport after
// every batch (contract §10: at most one sheet-triggered listing a minute).

export class Coalescer {
  private lastRun: number | null = null;
  private scheduled = false;

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly action: () => void,
    private readonly signal: AbortSignal,
  ) {}

  request(): void {
    if (this.scheduled || this.signal.aborted) return;
    const wait = this.lastRun === null ? 0 : this.lastRun + this.intervalMs - this.clock.now();
    if (wait <= 0) return this.run();
    this.scheduled = true;
    this.clock.sleep(wait, this.signal).then(
      () => {
        this.scheduled = false;
        this.run();
      },
      () => undefined,
    );
  }

  private run(): void {
    this.lastRun = this.clock.now();
    this.action();
  }
}
