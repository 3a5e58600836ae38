// The sandbox's test cards (the numbers card processors use for testing): the card number decides the outcome.

export interface TestCardInput {
  /** Digits, spaces and dashes allowed. */
  number: string;
  expMonth: number;
  /** Four digits. */
  expYear: number;
  cvc: string;
}

export type TestCardOutcome =
  | { result: 'succeeded' }
  | { result: 'declined'; code: string; message: string };

/** Input the card form must correct; the payment is left unchanged. */
export class SandboxCardError extends Error {
  readonly field: 'number' | 'expiry' | 'cvc';
  constructor(field: 'number' | 'expiry' | 'cvc', message: string) {
    super(message);
    this.name = 'SandboxCardError';
    this.field = field;
  }
}

const DECLINES: ReadonlyMap<string, { code: string; message: string }> = new Map([
  ['4000000000000002', { code: 'card_declined', message: 'Your card was declined.' }],
  ['4000000000009995', { code: 'insufficient_funds', message: 'Your card has insufficient funds.' }],
  ['4000000000000069', { code: 'expired_card', message: 'Your card has expired.' }],
  ['4000000000000127', { code: 'incorrect_cvc', message: "Your card's security code is incorrect." }],
  ['4000000000000119', { code: 'processing_error', message: 'An error occurred while processing your card.' }],
]);

/** Cards that succeed. */
export const SUCCEEDING_TEST_CARDS: readonly string[] = ['4242424242424242', '5555555555554444'];
/** Cards that are declined, with the decline code the payment fails with. */
export const DECLINING_TEST_CARDS: ReadonlyMap<string, { code: string; message: string }> = DECLINES;

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export function checkTestCard(card: TestCardInput, now: Date): TestCardOutcome {
  const digits = card.number.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(digits) || !luhnValid(digits)) throw new SandboxCardError('number', 'invalid card number');
  const { expMonth, expYear } = card;
  if (!Number.isInteger(expMonth) || expMonth < 1 || expMonth > 12 || !Number.isInteger(expYear)) {
    throw new SandboxCardError('expiry', 'invalid expiry date');
  }
  const endOfExpiryMonth = Date.UTC(expYear, expMonth, 1);
  if (endOfExpiryMonth <= now.getTime()) throw new SandboxCardError('expiry', 'card expired');
  if (!/^\d{3,4}$/.test(card.cvc)) throw new SandboxCardError('cvc', 'invalid security code');
  if (SUCCEEDING_TEST_CARDS.includes(digits)) return { result: 'succeeded' };
  const decline = DECLINES.get(digits);
  if (decline) return { result: 'declined', ...decline };
  return { result: 'declined', code: 'card_not_supported', message: 'The sandbox accepts only its test cards.' };
}
