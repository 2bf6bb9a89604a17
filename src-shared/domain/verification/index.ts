/**
 * Order verification (DOMAIN.md "Verification"): pure decisions over facts the verification service gathers from
 * SQLite. One module per check family; this file runs them in CHECK_CODES order and sums them up.
 */
import type { HoldReason } from '../holds';
import { checkAddress } from './address';
import { checkContact } from './contact';
import { checkDuplicate } from './duplicate';
import { worstOutcome } from './format';
import { checkRestricted, checkStock } from './lines';
import { checkRisk } from './risk';
import { CHECK_CODES, type CheckCode, type CheckOutcome, type CheckResult, type VerificationFacts } from './types';

export * from './types';
export { checkAddress, REGION_REQUIRED } from './address';
export { checkContact, emailShape, phonePlausible, type EmailShape } from './contact';
export {
  checkDuplicate, duplicateKind, itemsKey, personNameKey, postcodeKey, sameAddress, sameCustomer, streetKey, type DuplicateKind,
} from './duplicate';
export { describeMinutes } from './format';
export { checkRestricted, checkStock } from './lines';
export { checkRisk } from './risk';

const CHECKS: { [C in CheckCode]: (facts: VerificationFacts) => CheckResult } = {
  address: (f) => checkAddress(f.order.shippingAddress),
  contact: (f) => checkContact(f.order),
  duplicate: (f) => checkDuplicate(f.order, f.candidates, f.settings),
  risk: (f) => checkRisk(f.order, f.recentOrdersFromEmail, f.usualOrderValue, f.settings),
  stock: (f) => checkStock(f.order, f.lineAvailability),
  restricted: (f) => checkRestricted(f.order, f.lineRestrictions),
};

/** Every check, one result per code, in CHECK_CODES order. */
export function runChecks(facts: VerificationFacts): CheckResult[] {
  return CHECK_CODES.map((code) => CHECKS[code](facts));
}

export interface VerificationSummary {
  /** The worst outcome; 'pass' for no results. */
  outcome: CheckOutcome;
  failed: number;
  warned: number;
}

export function verificationSummary(results: readonly CheckResult[]): VerificationSummary {
  return {
    outcome: worstOutcome(results.map((r) => r.outcome)),
    failed: results.filter((r) => r.outcome === 'fail').length,
    warned: results.filter((r) => r.outcome === 'warn').length,
  };
}

/**
 * The holds the failed results call for, each once, in check order. Two checks can share a reason (address and
 * contact both mean INCORRECT_ADDRESS), so a hold is released only when its reason is in none of the failed results
 * (or a person has overridden each of them).
 */
export function failedHoldReasons(results: readonly CheckResult[]): HoldReason[] {
  return [...new Set(results.flatMap((r) => (r.outcome === 'fail' && r.holdReason !== null ? [r.holdReason] : [])))];
}
