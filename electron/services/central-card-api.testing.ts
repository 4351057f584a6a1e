/**
 * The session's central port over the reference service's test client (server/src/testing),
 * so session tests run against the real service on loopback. The production adapter sits on
 * the sync engine's client; both keep the same failure mapping: no answer / 5xx →
 * central_unavailable, an error code → central_rejected.
 */
import type { KioskClient } from '../../server/src/testing/kiosk-client';
import { err, ok, type Result } from '../result';
import type { CentralCardApi, CentralFailure, InquiryAnswers, InquiryKind } from './session';

const PATHS: Record<InquiryKind, string> = {
  person: 'person',
  insurances: 'insurances',
  contributions: 'contributions',
  medicalAccount: 'medical-account',
  medicalTransactions: 'medical-account/transactions',
  pensionAccount: 'pension-account',
  benefits: 'benefits',
  card: 'card',
};

async function call<T>(
  run: () => Promise<{ status: number; body: unknown }>,
): Promise<Result<T, CentralFailure>> {
  try {
    const res = await run();
    if (res.status >= 200 && res.status < 300) return ok(res.body as T);
    const code = (res.body as { error?: { code?: string } } | null)?.error?.code;
    if (res.status >= 500 || !code)
      return err({ code: 'central_unavailable', detail: `HTTP ${res.status}` });
    return err({ code: 'central_rejected', apiCode: code, detail: `HTTP ${res.status}` });
  } catch (e) {
    return err({ code: 'central_unavailable', detail: e instanceof Error ? e.message : 'failed' });
  }
}

export function centralCardApiOver(client: KioskClient): CentralCardApi {
  return {
    openCardSession: (req) => call(() => client.post('/v1/card-sessions', req)),
    authenticate: (id, req) => call(() => client.post(`/v1/card-sessions/${id}/authenticate`, req)),
    externalAuth: (id, req) =>
      call(() => client.post(`/v1/card-sessions/${id}/external-auth`, req)),
    inquiry: <K extends InquiryKind>(
      id: string,
      token: string,
      kind: K,
      query: { fromYear?: number; toYear?: number },
    ) => {
      const q = new URLSearchParams();
      if (query.fromYear !== undefined) q.set('from', String(query.fromYear));
      if (query.toYear !== undefined) q.set('to', String(query.toYear));
      const qs = q.size > 0 ? `?${q.toString()}` : '';
      return call<InquiryAnswers[K]>(() =>
        client.get(`/v1/card-sessions/${id}/${PATHS[kind]}${qs}`, { token }),
      );
    },
    issueStatement: (token, req) => call(() => client.post('/v1/statements', req, { token })),
  };
}
