import { useEffect, useState } from 'react';
import { authorization } from '../api.js';
import { useSession } from '../session.jsx';

const SAMPLES = 60;

/** Splits a server-sent event stream into events: {event, data}. */
export function parseEvents(buffer) {
  const events = [];
  let rest = buffer;
  let end;
  while ((end = rest.indexOf('\n\n')) >= 0) {
    const block = rest.slice(0, end);
    rest = rest.slice(end + 2);
    let event = 'message';
    const data = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
    }
    if (data.length) events.push({ event, data: data.join('\n') });
  }
  return { events, rest };
}

/**
 * The per-task samples after one status event: latency as reported, throughput as the changes
 * landed per second since the task's previous sample (0 for the first one, and when the count went
 * back, as after a restart), keeping the last SAMPLES.
 */
export function recordSamples(history, at, tasks) {
  const next = { ...history };
  for (const status of tasks) {
    const samples = history[status.taskId] ?? [];
    const before = samples.at(-1);
    const landed = status.changesLanded ?? 0;
    const seconds = before ? (Date.parse(at) - Date.parse(before.at)) / 1000 : 0;
    const rate = seconds > 0 ? Math.max(0, (landed - before.landed) / seconds) : 0;
    next[status.taskId] = [...samples, { at, landed, latency: status.latencyMillis ?? 0, rate }].slice(-SAMPLES);
  }
  return next;
}

/**
 * The live status of a project's tasks from GET /projects/{id}/events (server-sent events, read
 * with fetch so that the token goes in the Authorization header), with the last minute of samples
 * per task for charts. Reconnects when the stream ends; ends the session when the server says the
 * token expired.
 */
export default function useProjectEvents(projectId) {
  const { expire } = useSession();
  const [statuses, setStatuses] = useState({});
  const [history, setHistory] = useState({});
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    let stopped = false;
    const controller = new AbortController();

    function record(at, tasks) {
      const byTask = {};
      for (const status of tasks) byTask[status.taskId] = status;
      setStatuses(byTask);
      setHistory((old) => recordSamples(old, at, tasks));
    }

    async function listen() {
      while (!stopped) {
        try {
          const response = await fetch(`/api/v1/projects/${projectId}/events`, {
            headers: { ...authorization(), Accept: 'text/event-stream' },
            signal: controller.signal,
          });
          if (response.status === 401) {
            expire('Your session expired or was signed out. Sign in again.');
            return;
          }
          if (!response.ok || !response.body) throw new Error(`status ${response.status}`);
          setConnected(true);
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          let buffer = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            const parsed = parseEvents(buffer + value);
            buffer = parsed.rest;
            for (const { event, data } of parsed.events) {
              if (event === 'status') {
                const body = JSON.parse(data);
                record(body.at, body.tasks);
              } else if (event === 'expired') {
                expire('Your session expired or was signed out. Sign in again.');
                return;
              }
            }
          }
        } catch (e) {
          if (stopped) return;
        }
        setConnected(false);
        await new Promise((resolve) => setTimeout(resolve, 2000));
      }
    }

    listen();
    return () => {
      stopped = true;
      controller.abort();
    };
  }, [projectId, expire]);

  return { statuses, history, connected };
}
