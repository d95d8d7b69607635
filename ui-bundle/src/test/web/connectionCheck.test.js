import { describe, expect, it } from 'vitest';
import { checkSummary, stepUse } from '../../main/web/src/connectionCheck.js';

const connect = { name: 'connect', status: 'PASSED', use: 'ANY' };
const binlog = { name: 'log_bin', status: 'WARNING', use: 'SOURCE' };
const databases = { name: 'databases', status: 'FAILED', use: 'SOURCE' };
const privileges = { name: 'target privileges', status: 'FAILED', use: 'TARGET' };

describe('checkSummary', () => {
  it('says the connection works when no step failed, warnings included', () => {
    expect(checkSummary({ steps: [connect, binlog], usableAsSource: true, usableAsTarget: true })).toEqual({
      failed: false,
      text: 'The connection works',
    });
  });

  it('says a target-only connection is a usable target although its source checks failed', () => {
    const summary = checkSummary({ steps: [connect, databases], usableAsSource: false, usableAsTarget: true });
    expect(summary.failed).toBe(false);
    expect(summary.text).toBe('Usable as a target; the failed steps keep it from being a source');
  });

  it('says the test failed when no use is left', () => {
    const summary = checkSummary({ steps: [connect, databases, privileges], usableAsSource: false, usableAsTarget: false });
    expect(summary).toEqual({ failed: true, text: 'The test failed' });
  });
});

describe('stepUse', () => {
  it('names the use of a step unless it concerns every use', () => {
    expect([connect, binlog, privileges].map(stepUse)).toEqual([null, 'as a source', 'as a target']);
  });
});
