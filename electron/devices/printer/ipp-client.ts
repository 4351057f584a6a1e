import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import ipp, { type IppGroup, type IppResponse, type IppValue } from 'ipp';
import { err, ok, type Result } from '../../result';

/**
 * A minimal IPP client over the `ipp` package's serializer and parser. The package's own
 * transport has no timeout, and a CUPS that hangs (or a printer URL that black-holes) must not
 * freeze a citizen's session, so the HTTP exchange is ours and every call has a deadline.
 */
export interface IppTarget {
  /** `ipp://host:port/printers/NAME` (or `http://`, `ipps://`, `https://`). */
  readonly printerUri: string;
  readonly timeoutMs: number;
}

export type IppFailure =
  | { readonly code: 'unreachable'; readonly detail: string }
  | { readonly code: 'timeout'; readonly detail: string }
  | { readonly code: 'http_error'; readonly detail: string }
  | { readonly code: 'bad_response'; readonly detail: string }
  | { readonly code: 'ipp_status'; readonly status: string; readonly detail: string };

export interface IppReply {
  readonly status: string;
  readonly operation: IppGroup;
  readonly job: IppGroup;
  readonly printer: IppGroup;
}

/** printer-uri as CUPS wants it (ipp:// scheme) and the HTTP URL the request goes to. */
function endpoints(printerUri: string): { uri: string; url: URL } {
  const url = new URL(printerUri);
  const secure = url.protocol === 'ipps:' || url.protocol === 'https:';
  const http = new URL(url.toString().replace(/^[a-z]+:/, secure ? 'https:' : 'http:'));
  if (http.port === '') http.port = '631';
  const uri = `${secure ? 'ipps' : 'ipp'}://${http.host}${http.pathname}`;
  return { uri, url: http };
}

const first = (g: IppGroup | readonly IppGroup[] | undefined): IppGroup =>
  g === undefined ? {} : Array.isArray(g) ? ((g as readonly IppGroup[])[0] ?? {}) : (g as IppGroup);

export async function ippCall(
  target: IppTarget,
  operation: string,
  attributes: IppGroup,
  data?: Buffer,
): Promise<Result<IppReply, IppFailure>> {
  const { uri, url } = endpoints(target.printerUri);
  let body: Buffer;
  try {
    body = ipp.serialize({
      version: '2.0',
      operation,
      'operation-attributes-tag': {
        'attributes-charset': 'utf-8',
        'attributes-natural-language': 'en',
        'printer-uri': uri,
        ...attributes,
      },
      ...(data ? { data } : {}),
    });
  } catch (e) {
    // The serializer throws plain strings for attributes it does not know: a bug of ours.
    throw new Error(`IPP request could not be encoded: ${String(e)}`, { cause: e });
  }
  const raw = await post(url, body, target.timeoutMs);
  if (!raw.ok) return raw;
  let parsed: IppResponse;
  try {
    parsed = ipp.parse(raw.value);
  } catch (e) {
    return err({ code: 'bad_response', detail: String(e) });
  }
  const reply: IppReply = {
    status: parsed.statusCode,
    operation: parsed['operation-attributes-tag'] ?? {},
    job: first(parsed['job-attributes-tag']),
    printer: first(parsed['printer-attributes-tag']),
  };
  // The parser gives a number for a status code it has no name for.
  const status: unknown = reply.status;
  const statusText = typeof status === 'string' ? status : `status-${String(status)}`;
  if (!statusText.startsWith('successful')) {
    const message = text(reply.operation['status-message']);
    return err({
      code: 'ipp_status',
      status: statusText,
      detail: message === '' ? statusText : `${statusText}: ${message}`,
    });
  }
  return ok(reply);
}

function post(url: URL, body: Buffer, timeoutMs: number): Promise<Result<Buffer, IppFailure>> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (r: Result<Buffer, IppFailure>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
      url,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/ipp', 'Content-Length': body.length },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => finish(err({ code: 'unreachable', detail: e.message })));
        res.on('end', () => {
          if (res.statusCode !== 200) {
            finish(err({ code: 'http_error', detail: `HTTP ${String(res.statusCode)}` }));
          } else finish(ok(Buffer.concat(chunks)));
        });
      },
    );
    const timer = setTimeout(() => {
      finish(err({ code: 'timeout', detail: `no answer within ${timeoutMs} ms` }));
      req.destroy();
    }, timeoutMs);
    req.on('error', (e) => finish(err({ code: 'unreachable', detail: e.message })));
    req.end(body);
  });
}

/** An attribute as text (first value of a set), '' when absent. */
export function text(v: IppValue | undefined): string {
  if (v === undefined) return '';
  if (Array.isArray(v)) return text((v as readonly IppValue[])[0]);
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '';
}

/** An attribute as a list of keywords. */
export function keywords(v: IppValue | undefined): string[] {
  if (v === undefined) return [];
  const values: readonly IppValue[] = Array.isArray(v) ? (v as readonly IppValue[]) : [v];
  return values.filter((x): x is string => typeof x === 'string');
}

export function integer(v: IppValue | undefined): number | null {
  const t = Array.isArray(v) ? (v as readonly IppValue[])[0] : v;
  return typeof t === 'number' ? t : null;
}
