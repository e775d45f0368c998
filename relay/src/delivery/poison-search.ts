// Finding the one op that makes the sheet refuse a whole batch as bad_request (contract §2 step 5).
// The relay checks every op before queueing it (admission.ts), so this is for a sheet whose rules
// differ from the relay's: halve the batch until the op is alone, prove with a heartbeat-only
// batch that the sheet takes anything at all, and only then set the op aside. A sheet that
// refuses everything (another contract version) therefore never makes the relay drop ops.

export type AfterRefusal =
  /** Send again at once, at most `limit` ops (each halving is progress, so no backoff). */
  | 'retry_now'
  /** The op alone is refused by a sheet that takes other batches: forget it. */
  | 'set_aside'
  /** Not an op's fault: keep everything queued and back off as for any refusal. */
  | 'back_off';

export class PoisonSearch {
  private maxOps: number | null = null;
  private control: 'due' | 'passed' | null = null;

  /** Ops per batch while searching; null for full batches. */
  get limit(): number | null {
    return this.maxOps;
  }

  /** Searching: batches carry no heartbeat of their own, so the op found is an outbox op. */
  get active(): boolean {
    return this.maxOps !== null;
  }

  /** The next batch must be the heartbeat-only control. */
  get controlDue(): boolean {
    return this.control === 'due';
  }

  /** The sheet refused a batch as bad_request, holding `outboxOps` queued ops (and maybe a heartbeat). */
  refused(outboxOps: number, withHeartbeat: boolean): AfterRefusal {
    if (outboxOps === 0) {
      this.reset();
      return 'back_off';
    }
    if (outboxOps === 1 && !withHeartbeat) {
      if (this.control === 'passed') {
        this.reset();
        return 'set_aside';
      }
      this.maxOps = 1;
      this.control = 'due';
      return 'retry_now';
    }
    this.maxOps = Math.max(1, Math.floor(outboxOps / 2));
    return 'retry_now';
  }

  /** The sheet took a batch; `wasControl`: the heartbeat-only control; `idle`: nothing left queued. */
  delivered(wasControl: boolean, idle: boolean): void {
    // After the control, an op taken alone that goes through was the suspect replaced by a newer one.
    if (idle || (!wasControl && this.control === 'passed')) this.reset();
    else if (wasControl && this.control === 'due') this.control = 'passed';
  }

  private reset(): void {
    this.maxOps = null;
    this.control = null;
  }
}
