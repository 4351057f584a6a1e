import { err, ok, type Result } from '../../../electron/result';

/**
 * The card status machine as real card-management systems keep it. The server enforces it;
 * a kiosk only asks for an action and gets the new status or a typed refusal.
 */
export const CARD_STATUSES = [
  'number_assigned',
  'in_production',
  'sealed',
  'active',
  'pre_reported_lost',
  'formally_lost',
  'cancelled_after_loss',
  'cancelled',
] as const;
export type CardStatus = (typeof CARD_STATUSES)[number];

/** Actions: the first three come from kiosks, the rest from the bureau's counters. */
export type CardAction =
  | 'activate'
  | 'pre_report'
  | 'cancel_pre_report'
  | 'lapse_pre_report'
  | 'start_production'
  | 'seal'
  | 'report_formally_lost'
  | 'cancel_after_loss'
  | 'cancel';

export type TransitionRefusal =
  | 'activation_not_allowed'
  | 'pre_report_not_allowed'
  | 'cancel_not_allowed'
  | 'replacement_in_progress'
  | 'transition_not_allowed';

export interface CardState {
  readonly status: CardStatus;
  readonly statusBeforePreReport: CardStatus | null;
  readonly replacementApplied: boolean;
}

/** The statuses on the invalid list (hotlist) a kiosk checks offline. */
export const INVALID_STATUSES: ReadonlySet<CardStatus> = new Set([
  'pre_reported_lost',
  'formally_lost',
  'cancelled_after_loss',
  'cancelled',
]);

const refusalFor: Record<CardAction, TransitionRefusal> = {
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

const simple: Partial<Record<CardAction, Partial<Record<CardStatus, CardStatus>>>> = {
  activate: { sealed: 'active' },
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

/** The state after `action`, or why the action is refused from `state`. */
export function transition(
  state: CardState,
  action: CardAction,
): Result<CardState, TransitionRefusal> {
  const refuse = err(refusalFor[action]);
  switch (action) {
    case 'pre_report':
      if (state.status !== 'active' && state.status !== 'sealed') return refuse;
      return ok({ ...state, status: 'pre_reported_lost', statusBeforePreReport: state.status });
    case 'cancel_pre_report':
    case 'lapse_pre_report': {
      if (state.status !== 'pre_reported_lost' || state.statusBeforePreReport === null)
        return refuse;
      if (action === 'cancel_pre_report' && state.replacementApplied) {
        return err('replacement_in_progress');
      }
      return ok({ ...state, status: state.statusBeforePreReport, statusBeforePreReport: null });
    }
    default: {
      const next = simple[action]?.[state.status];
      if (next === undefined) return refuse;
      return ok({ ...state, status: next, statusBeforePreReport: null });
    }
  }
}
