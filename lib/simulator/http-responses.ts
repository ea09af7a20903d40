import 'server-only';

// Response builders. Fastify answers JSON as `application/json; charset=utf-8` and wraps errors in
// {statusCode, error, message}; the reason phrases below are the ones Fastify puts in `error`.

const REASON_PHRASES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function reasonPhrase(status: number): string {
  return REASON_PHRASES[status] ?? (status >= 500 ? 'Internal Server Error' : 'Bad Request');
}

const JSON_TYPE = 'application/json; charset=utf-8';

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': JSON_TYPE, ...headers } });
}

/** The standard Fastify error envelope, optionally with a `code` (FST_ERR_*) between statusCode and error. */
export function errorResponse(
  status: number,
  message: string,
  code?: string,
  headers: Record<string, string> = {},
): Response {
  const body: Record<string, unknown> = { statusCode: status };
  if (code !== undefined) body.code = code;
  body.error = reasonPhrase(status);
  body.message = message;
  return jsonResponse(body, status, headers);
}

export const notFound = () => errorResponse(404, 'Resource not found');

/** Fastify's own 404 (key order as recorded: message, error, statusCode). */
export function routeNotFound(method: string, url: string): Response {
  return jsonResponse(
    { message: `Route ${method}:${url} not found`, error: 'Not Found', statusCode: 404 },
    404,
  );
}

export function validationError(message: string): Response {
  return errorResponse(400, message, 'FST_ERR_VALIDATION');
}
