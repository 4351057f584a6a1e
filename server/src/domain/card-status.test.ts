import { describe, expect, it } from 'vitest';
import { CARD_STATUSES, transition, type CardAction, type CardStatus } from './card-status';

/** The whole allowed table; every (status, action) pair not listed here must be refused. */
const ALLOWED: Record<CardAction, Partial<Record<CardStatus, CardStatus>>> = {
  activate: { sealed: 'active' },
  pre_report: { active: 'pre_reported_lost', sealed: 'pre_reported_lost' },
  cancel_pre_report: { pre_reported_lost: 'active' },
  lapse_pre_report: { pre_reported_lost: 'active' },
  start_production: { number_assigned: 'in_production' },
  seal: { in_production: 'sealed' },
  report_formally_lost: {
    pre_reported_lost: 'formally_lost',
    active: 'formally_lost',
    sealed: 'formally_lost',
  },
  cancel_after_loss: { formally_lost: 'cancelled_after_loss' },
  cancel: { active: 'cancelled', sealed: 'cancelled' },
};
const REFUSAL: Record<CardAction, string> = {
  activate: 'activation_not_allowed',
  pre_report: 'pre_report_not_allowed',
  cancel_pre_report: 'cancel_not_allowed',
  lapse_pre_report: 'transition_not_allowed',
  start_production: 'transition_not_allowed',
  seal: 'transition_not_allowed',
  report_formally_lost: 'transition_not_allowed',
  cancel_after_loss: 'transition_not_allowed',
  cancel: 'transition_not_allowed',
};

const state = (status: CardStatus, replacementApplied = false) => ({
  status,
  statusBeforePreReport: status === 'pre_reported_lost' ? ('active' as const) : null,
  replacementApplied,
});

describe('card status machine', () => {
  for (const action of Object.keys(ALLOWED) as CardAction[]) {
    for (const status of CARD_STATUSES) {
      const expected = ALLOWED[action][status];
      it(`${action} from ${status} → ${expected ?? REFUSAL[action]}`, () => {
        const r = transition(state(status), action);
        if (expected) expect(r).toMatchObject({ ok: true, value: { status: expected } });
        else expect(r).toEqual({ ok: false, error: REFUSAL[action] });
      });
    }
  }

  it('a pre-report remembers and restores the status it came from', () => {
    const pre = transition(state('sealed'), 'pre_report');
    expect(pre).toMatchObject({
      ok: true,
      value: { status: 'pre_reported_lost', statusBeforePreReport: 'sealed' },
    });
    if (!pre.ok) return;
    expect(transition(pre.value, 'cancel_pre_report')).toMatchObject({
      ok: true,
      value: { status: 'sealed', statusBeforePreReport: null },
    });
  });

  it('cancel is refused once a replacement is applied for, but the pre-report can still lapse', () => {
    expect(transition(state('pre_reported_lost', true), 'cancel_pre_report')).toEqual({
      ok: false,
      error: 'replacement_in_progress',
    });
    expect(transition(state('pre_reported_lost', true), 'lapse_pre_report')).toMatchObject({
      ok: true,
      value: { status: 'active' },
    });
  });
});
