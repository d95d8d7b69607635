// What the console offers and says about the runs of an incremental landing task.
import { dateTime } from './format.js';

/**
 * Whether the task offers "Run now": an incremental landing task that is running (the server
 * refuses the others; a task still loading runs as soon as its load ends).
 */
export function offersRunNow(task, state) {
  return task.type === 'landing' && task.mode === 'incremental' && !['stopped', 'failed'].includes(state);
}

/** When the next run starts, and whether it retries failed runs; empty when there is no next run. */
export function runSummary(status, formatTime = dateTime) {
  if (!status?.nextRunAt) return '';
  const failed = status.failedRuns ?? 0;
  if (failed === 0) return `Next run ${formatTime(status.nextRunAt)}`;
  const what = failed === 1 ? 'The last run failed' : `The last ${failed} runs failed`;
  return `${what}; retrying ${formatTime(status.nextRunAt)}`;
}
