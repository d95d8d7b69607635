// The console's only way to the server: the REST API under /api/v1, with the session's token.

const TOKEN_KEY = 'millrace.token';

/** An error answered by the API as problem+json, or a network failure. */
export class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail || title || `Request failed with status ${status}`);
    this.status = status;
    this.title = title;
  }
}

let onUnauthorized = () => {};

/** Called when a request of a signed-in session is refused as unauthorized (expired or revoked). */
export function whenUnauthorized(callback) {
  onUnauthorized = callback;
}

export function storedToken() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function storeToken(token) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export function authorization() {
  const token = storedToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** The error a refused answer stands for: title and detail of its problem+json, else its status text. */
export async function problem(response) {
  let title = response.statusText;
  let detail = '';
  try {
    const body = await response.json();
    title = body.title || title;
    detail = body.detail || '';
  } catch {
    // not JSON: keep the status text
  }
  return new ApiError(response.status, title, detail);
}

/** Sends a request; JSON bodies go as JSON, FormData as multipart. Resolves to the parsed answer. */
export async function request(method, path, body) {
  const headers = { ...authorization(), Accept: 'application/json' };
  let payload;
  if (body instanceof FormData) {
    payload = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(`/api/v1${path}`, { method, headers, body: payload });
  } catch (e) {
    throw new ApiError(0, 'Server unreachable', `The server did not answer: ${e.message}`);
  }
  if (response.status === 401 && storedToken() && path !== '/auth/login') {
    const error = await problem(response);
    onUnauthorized(error);
    throw error;
  }
  if (!response.ok) throw await problem(response);
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response.text();
}

export const api = {
  get: (path) => request('GET', path),
  post: (path, body) => request('POST', path, body ?? {}),
  put: (path, body) => request('PUT', path, body),
  delete: (path) => request('DELETE', path),
};
