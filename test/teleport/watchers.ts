import * as grpc from '@grpc/grpc-js';
import { initEvent } from './wire.js';

type Wire = Record<string, unknown>;

export interface WatcherEvents {
  onInit(): void;
  onActivity(): void;
}

/** One open WatchEvents stream. Events raised before its INIT is sent wait behind it, as a real
 *  watcher buffers them: the watcher exists from the call's start, INIT is only late on the wire. */
class Watcher {
  private initSent = false;
  private readonly backlog: Wire[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly call: grpc.ServerWritableStream<unknown, unknown>,
    private readonly kinds: Wire[],
    private readonly events: WatcherEvents,
  ) {}

  scheduleInit(delay: number | 'never'): void {
    if (delay === 'never') return;
    this.timer = setTimeout(() => this.sendInit(), delay);
  }

  send(event: Wire): void {
    if (!this.initSent) {
      this.backlog.push(event);
      return;
    }
    this.call.write(event);
    this.events.onActivity();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  private sendInit(): void {
    this.initSent = true;
    this.call.write(initEvent(this.kinds));
    for (const event of this.backlog.splice(0)) this.call.write(event);
    this.events.onInit();
    this.events.onActivity();
  }
}

export class WatcherSet {
  private readonly watchers = new Set<Watcher>();
  private initDelay: number | 'never' = 0;

  constructor(private readonly events: WatcherEvents) {}

  get size(): number {
    return this.watchers.size;
  }

  setInitDelay(delay: number | 'never'): void {
    this.initDelay = delay;
  }

  open(call: grpc.ServerWritableStream<unknown, unknown>, kinds: Wire[]): void {
    const watcher = new Watcher(call, kinds, this.events);
    this.watchers.add(watcher);
    const forget = (): void => {
      watcher.stop();
      if (this.watchers.delete(watcher)) this.events.onActivity();
    };
    call.on('cancelled', forget);
    call.on('close', forget);
    call.on('error', forget);
    watcher.scheduleInit(this.initDelay);
  }

  broadcast(event: Wire): void {
    for (const watcher of this.watchers) watcher.send(event);
  }

  /** Ends every stream with a status, as an Auth Service whose backend watcher closed does. */
  endAll(code: grpc.status, details: string): void {
    for (const watcher of [...this.watchers]) {
      watcher.stop();
      this.watchers.delete(watcher);
      watcher.call.emit('error', { code, details, metadata: new grpc.Metadata() });
    }
    this.events.onActivity();
  }

  peers(): string[] {
    return [...this.watchers].map((w) => w.call.getPeer());
  }

  forgetAll(): void {
    for (const watcher of this.watchers) watcher.stop();
    this.watchers.clear();
  }
}
