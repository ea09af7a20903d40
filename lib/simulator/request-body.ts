import 'server-only';
import { errorResponse } from './http-responses';

// Body parsing with Fastify's rules (lib/contentTypeParser + handleRequest): JSON and text/plain are
// understood, anything else is 415. A body is parsed only when the request declares one
// (Content-Length or Transfer-Encoding): an SDK that sends `Content-Type: application/json` on a
// body-less POST or DELETE is served, while a declared empty JSON body (`Content-Length: 0`) is refused.
// A Request built in-process carries its body without those headers, so a non-empty body always counts.

const BODY_LIMIT = 1_048_576;

export type ParsedBody = { ok: true; body: unknown } | { ok: false; response: Response };

export async function parseBody(request: Request): Promise<ParsedBody> {
  const method = request.method.toUpperCase();
  if (method === 'GET' || method === 'HEAD') return { ok: true, body: undefined };
  const contentType = request.headers.get('content-type');
  const text = await request.text();
  const declaresBody = request.headers.has('content-length') || request.headers.has('transfer-encoding');
  if (text === '' && !declaresBody) return { ok: true, body: undefined };
  if (contentType === null) {
    if (text === '') return { ok: true, body: undefined };
    // DELETE/OPTIONS bodies without a content type are ignored by Fastify; POST/PATCH ones are refused.
    if (method === 'DELETE' || method === 'OPTIONS') return { ok: true, body: undefined };
    return {
      ok: false,
      response: errorResponse(415, 'Unsupported Media Type: undefined', 'FST_ERR_CTP_INVALID_MEDIA_TYPE'),
    };
  }
  if (Buffer.byteLength(text) > BODY_LIMIT) {
    return {
      ok: false,
      response: errorResponse(413, 'Request body is too large', 'FST_ERR_CTP_BODY_TOO_LARGE'),
    };
  }
  const mediaType = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  if (mediaType === 'application/json' || mediaType.endsWith('+json')) {
    if (text === '') {
      return {
        ok: false,
        response: errorResponse(
          400,
          "Body cannot be empty when content-type is set to 'application/json'",
          'FST_ERR_CTP_EMPTY_JSON_BODY',
        ),
      };
    }
    try {
      return { ok: true, body: JSON.parse(text) as unknown };
    } catch {
      return {
        ok: false,
        response: errorResponse(
          400,
          "Body is not valid JSON but content-type is set to 'application/json'",
          'FST_ERR_CTP_INVALID_JSON_BODY',
        ),
      };
    }
  }
  if (mediaType === 'text/plain') return { ok: true, body: text === '' ? undefined : text };
  return {
    ok: false,
    response: errorResponse(415, `Unsupported Media Type: ${contentType}`, 'FST_ERR_CTP_INVALID_MEDIA_TYPE'),
  };
}
