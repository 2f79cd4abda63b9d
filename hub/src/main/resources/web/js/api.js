// The hub's JSON API (hub/README.md, "Hub API"): one GET per endpoint, errors with the API's message.

export class ApiError extends Error {
  constructor(path, status, body) {
    const detail = body && body.error ? body.error + (body.expected ? ` (expected ${body.expected})` : '') : `HTTP ${status}`;
    super(`${path}: ${detail}`);
    this.status = status;
    this.parameter = body ? body.parameter : undefined;
  }
}

/** GETs an endpoint with the given query parameters, leaving out empty ones. */
export async function getJson(path, params, signal) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && value !== '') query.set(name, String(value));
  }
  const text = query.toString();
  const url = text ? `${path}?${text}` : path;
  const response = await fetch(url, { signal, headers: { Accept: 'application/json' }, cache: 'no-store' });
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    if (e.name === 'AbortError') throw e;
  }
  if (!response.ok) throw new ApiError(path, response.status, body);
  return body;
}
