// A pass run once at start, then every `everyMs`: on one instance only when a lease (Redis) is given, else here. Passes
// never overlap on one instance (a pass asked for while one runs waits for it); on several, each pass must be safe to
// overlap anyway (Redis unreachable: every instance runs it).
import { soleInstance, type IntervalLease } from './lease.ts';

export interface PeriodicLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface Periodic {
  /** Runs one pass now (after the one in flight, if any), lease or not. */
  runNow(): Promise<void>;
  /** Stops the schedule and waits for a pass in flight. */
  stop(): Promise<void>;
}

export function startPeriodic(name: string, pass: () => Promise<void>, log: PeriodicLog, options: { everyMs: number; lease?: IntervalLease | undefined }): Periodic {
  const lease = options.lease ?? soleInstance;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const guarded = async () => {
    try {
      await pass();
    } catch (error) {
      log.error({ err: error }, `${name} failed; it will run again at the next interval`);
    }
  };
  const runNow = () => {
    running = running.then(() => (stopped ? undefined : guarded()));
    return running;
  };
  const scheduled = async () => {
    let owned: boolean;
    try {
      owned = await lease.claim();
    } catch (error) {
      log.warn({ err: error }, `could not claim the ${name} lease; running the pass here`);
      owned = true;
    }
    if (owned) await runNow();
    else log.info({}, `${name}: another instance runs this interval`);
  };
  void scheduled();
  const timer = setInterval(() => void scheduled(), options.everyMs);
  timer.unref();
  return {
    runNow,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
