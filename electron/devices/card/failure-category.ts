/**
 * Every card failure carries a category that decides the screen (ARCHITECTURE.md, device
 * model): the citizen can try again, staff must help, or the kiosk is out of service.
 */
export type FailureCategory = 'try_again' | 'call_staff' | 'out_of_service';

const CATEGORY: Readonly<Record<string, FailureCategory>> = {
  card_removed: 'try_again',
  no_card: 'try_again',
  card_busy: 'try_again',
  card_unresponsive: 'try_again',
  transmit_failed: 'try_again',
  malformed_response: 'try_again',
  not_ssc_card: 'try_again',
  wrong_pin: 'try_again',
  pin_format: 'try_again',
  pin_blocked: 'call_staff',
  malformed_data: 'call_staff',
  record_not_found: 'call_staff',
  security_not_satisfied: 'call_staff',
  card_error: 'call_staff',
  reader_unavailable: 'out_of_service',
};

/** Unknown codes go to staff: a person can look at what the code cannot. */
export const failureCategory = (code: string): FailureCategory => CATEGORY[code] ?? 'call_staff';
