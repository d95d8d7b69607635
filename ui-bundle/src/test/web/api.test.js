import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, problem, request, storeToken, whenUnauthorized } from '../../main/web/src/api.js';

function answer(status, body, type = 'application/problem+json') {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    statusText: status === 409 ? 'Conflict' : status === 401 ? 'Unauthorized' : 'Status',
    headers: { 'Content-Type': type },
  });
}

describe('problem', () => {
  it('reads the title and detail of a problem+json answer', async () => {
    const error = await problem(answer(409, { type: 'about:blank', title: 'Task is running', detail: 'Stop task land first.' }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(409);
    expect(error.title).toBe('Task is running');
    expect(error.message).toBe('Stop task land first.');
  });

  it('keeps the status text when the answer is not JSON', async () => {
    const error = await problem(answer(409, '<html>proxy error</html>', 'text/html'));
    expect(error.title).toBe('Conflict');
    expect(error.message).toBe('Conflict');
  });
});

describe('request', () => {
  let session;
  let fetch;

  beforeEach(() => {
    session = new Map();
    vi.stubGlobal('sessionStorage', {
      getItem: (key) => session.get(key) ?? null,
      setItem: (key, value) => session.set(key, value),
      removeItem: (key) => session.delete(key),
    });
    fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
  });

  afterEach(() => {
    whenUnauthorized(() => {});
    vi.unstubAllGlobals();
  });

  it("sends JSON with the session's token and resolves to the parsed answer", async () => {
    storeToken('t0k3n');
    fetch.mockResolvedValue(answer(201, { id: 'p1' }, 'application/json'));
    await expect(request('POST', '/projects', { name: 'shop' })).resolves.toEqual({ id: 'p1' });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('/api/v1/projects');
    expect(init.headers.Authorization).toBe('Bearer t0k3n');
    expect(init.headers['Content-Type']).toBe('application/json');
    expect(init.body).toBe('{"name":"shop"}');
  });

  it('rejects with the problem the API answered', async () => {
    fetch.mockResolvedValue(answer(400, { title: 'Invalid task', detail: 'No tables selected.' }));
    await expect(request('POST', '/projects/p1/tasks', {})).rejects.toMatchObject({ status: 400, title: 'Invalid task', message: 'No tables selected.' });
  });

  it('ends a signed-in session that the server refuses, but not a failed sign-in', async () => {
    const ended = vi.fn();
    whenUnauthorized(ended);
    fetch.mockImplementation(async () => answer(401, { title: 'Unauthorized', detail: 'The token expired.' }));
    await expect(request('POST', '/auth/login', {})).rejects.toMatchObject({ status: 401 });
    expect(ended).not.toHaveBeenCalled();
    storeToken('old');
    await expect(request('GET', '/projects')).rejects.toMatchObject({ status: 401, message: 'The token expired.' });
    expect(ended).toHaveBeenCalledTimes(1);
  });

  it('says so when the server does not answer', async () => {
    fetch.mockRejectedValue(new TypeError('Failed to fetch'));
    await expect(request('GET', '/projects')).rejects.toMatchObject({ status: 0, title: 'Server unreachable' });
  });

  it('resolves to null for 204 No Content', async () => {
    fetch.mockResolvedValue(new Response(null, { status: 204 }));
    await expect(request('DELETE', '/projects/p1')).resolves.toBeNull();
  });
});
