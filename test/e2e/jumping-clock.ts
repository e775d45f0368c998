// Loaded with --import into a relay process under test (RelayProcess with `jumpingClock`): the
// process's Date.now() and setTimeout run on real time plus an offset that the test moves forward
// over IPC ({ jumpMs }), and every timer the jump carries past its end fires at once, earliest
// first. The relay's own code is untouched (its clock is Date.now and setTimeout), so a rule that
// runs on minutes — a full sheet asked again every 5 — is seen in seconds, measured on its clock.

type Timer = ReturnType<typeof setTimeout>;

const realNow = Date.now.bind(Date);
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;
const pending = new Map<Timer, { end: number; fire: () => void }>();
let offset = 0;

Date.now = () => realNow() + offset;

globalThis.setTimeout = ((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
  const end = Date.now() + Math.max(0, Number(ms) || 0);
  const timer: Timer = realSetTimeout(() => {
    pending.delete(timer);
    callback(...args);
  }, ms);
  const fire = () => {
    pending.delete(timer);
    realClearTimeout(timer);
    callback(...args);
  };
  pending.set(timer, { end, fire });
  return timer;
}) as typeof setTimeout;

globalThis.clearTimeout = ((timer: Timer | undefined) => {
  if (timer !== undefined) pending.delete(timer);
  realClearTimeout(timer);
}) as typeof clearTimeout;

process.on('message', (message: { jumpMs?: unknown }) => {
  if (typeof message?.jumpMs !== 'number') return;
  offset += message.jumpMs;
  const now = Date.now();
  const due = [...pending.values()].filter((t) => t.end <= now).sort((a, b) => a.end - b.end);
  for (const timer of due) timer.fire();
  process.send?.({ jumpedTo: now });
});
// The IPC channel must not keep the relay alive: it still ends when nothing of it is left.
process.channel?.unref();
