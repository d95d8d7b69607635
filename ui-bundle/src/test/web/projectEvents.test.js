import { describe, expect, it } from 'vitest';
import { parseEvents, recordSamples } from '../../main/web/src/hooks/useProjectEvents.js';

describe('parseEvents', () => {
  it('splits whole events and keeps the unfinished rest for the next chunk', () => {
    const first = parseEvents('event: status\ndata: {"a":1}\n\nevent: status\ndata: {"a"');
    expect(first.events).toEqual([{ event: 'status', data: '{"a":1}' }]);
    const second = parseEvents(`${first.rest}:2}\n\n`);
    expect(second.events).toEqual([{ event: 'status', data: '{"a":2}' }]);
    expect(second.rest).toBe('');
  });

  it('joins data lines, defaults the event name, and skips comments and empty events', () => {
    const { events } = parseEvents(': keep-alive\n\ndata: one\ndata:two\n\nevent: expired\n\n');
    expect(events).toEqual([{ event: 'message', data: 'one\ntwo' }]);
  });
});

describe('recordSamples', () => {
  const status = (taskId, changesLanded, latencyMillis) => ({ taskId, changesLanded, latencyMillis });

  it('reports throughput as changes landed per second since the previous event', () => {
    let history = recordSamples({}, '2026-11-29T10:00:00Z', [status('land', 100, 40)]);
    history = recordSamples(history, '2026-11-29T10:00:02Z', [status('land', 150, 25)]);
    expect(history.land.map(({ rate, latency }) => ({ rate, latency }))).toEqual([
      { rate: 0, latency: 40 },
      { rate: 25, latency: 25 },
    ]);
  });

  it('never reports a negative rate when the count goes back, as after a restart', () => {
    let history = recordSamples({}, '2026-11-29T10:00:00Z', [status('land', 100, 0)]);
    history = recordSamples(history, '2026-11-29T10:00:01Z', [status('land', 3, 0)]);
    expect(history.land[1].rate).toBe(0);
  });

  it('keeps each task apart, takes missing numbers as 0 and leaves the old history alone', () => {
    const before = recordSamples({}, '2026-11-29T10:00:00Z', [status('land', 10, 5)]);
    const after = recordSamples(before, '2026-11-29T10:00:01Z', [status('land', 20, 5), { taskId: 'store' }]);
    expect(before.land).toHaveLength(1);
    expect(after.land[1].rate).toBe(10);
    expect(after.store).toEqual([{ at: '2026-11-29T10:00:01Z', landed: 0, latency: 0, rate: 0 }]);
  });

  it('keeps the last 60 samples', () => {
    let history = {};
    for (let second = 0; second < 65; second++) {
      history = recordSamples(history, new Date(Date.UTC(2026, 10, 29, 10, 0, second)).toISOString(), [status('land', second * 2, second)]);
    }
    expect(history.land).toHaveLength(60);
    expect(history.land[0].latency).toBe(5);
    expect(history.land.at(-1).rate).toBe(2);
  });
});
