import { describe, expect, it } from 'vitest';
import { offersRunNow, runSummary } from '../../main/web/src/incrementalRuns.js';

const incremental = { type: 'landing', mode: 'incremental' };

describe('offersRunNow', () => {
  it('offers a run to an incremental landing task that runs', () => {
    expect(offersRunNow(incremental, 'incremental')).toBe(true);
    expect(offersRunNow(incremental, 'full-load')).toBe(true);
  });

  it('does not offer it to stopped or failed tasks, nor to other modes and storage', () => {
    expect(offersRunNow(incremental, 'stopped')).toBe(false);
    expect(offersRunNow(incremental, 'failed')).toBe(false);
    expect(offersRunNow({ type: 'landing', mode: 'full-load+cdc' }, 'cdc')).toBe(false);
    expect(offersRunNow({ type: 'storage' }, 'running')).toBe(false);
  });
});

describe('runSummary', () => {
  const at = (instant) => `at ${instant}`;

  it('says when the next scheduled run starts', () => {
    expect(runSummary({ nextRunAt: '2026-01-02T03:00:00Z', failedRuns: 0 }, at)).toBe('Next run at 2026-01-02T03:00:00Z');
  });

  it('says how many runs failed and when the retry is', () => {
    expect(runSummary({ nextRunAt: '2026-01-01T10:00:10Z', failedRuns: 1 }, at)).toBe(
      'The last run failed; retrying at 2026-01-01T10:00:10Z',
    );
    expect(runSummary({ nextRunAt: '2026-01-01T10:00:40Z', failedRuns: 3 }, at)).toBe(
      'The last 3 runs failed; retrying at 2026-01-01T10:00:40Z',
    );
  });

  it('says nothing for tasks without a next run', () => {
    expect(runSummary({ nextRunAt: null, failedRuns: 0 }, at)).toBe('');
    expect(runSummary(undefined, at)).toBe('');
  });
});
