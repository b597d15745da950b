/**
 * A pause between slices of a long computation on the page, so a click or a
 * keystroke meanwhile is answered and the page paints. `scheduler.yield()`
 * where the browser has it (Chromium 129+: the work resumes ahead of other
 * queued tasks); otherwise a message the page posts to itself, which, unlike
 * nested `setTimeout(0)`, is not held back 4 ms each time.
 */
interface YieldingScheduler {
  yield(): Promise<void>;
}

export function pauseForPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Partial<YieldingScheduler> }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
