// Failures a user sees: the program error's name and message from the IDLs, also when the
// failing program was reached by CPI, and a wallet's refusal said plainly.
import { describe, expect, it } from 'vitest';
import { decodeTransactionError, isUserRejection } from '../../src/shared/transaction/errors';

const MEMBER = 'ZsUSWowV8PbHbMHJdgL7Wp7K4qgwKPHeyZ3w2wUT7R5';

describe('decodeTransactionError', () => {
  it('names the program that owns the code, even below a CPI', () => {
    // A member instruction whose CPI into grid_market failed with WrongOracle (8003).
    const d = decodeTransactionError({ InstructionError: [1, { Custom: 8003 }] }, () => MEMBER);
    expect(d.title).toBe('grid_market: WrongOracle');
    expect(d.message.length).toBeGreaterThan(0);
    expect(d.kind).toBe('program');
  });

  it("names the instruction's own program for its own codes", () => {
    const d = decodeTransactionError({ InstructionError: [0, { Custom: 11001 }] }, () => MEMBER);
    expect(d.title).toBe('member: ZeroAmount');
  });

  it('falls back to the error number for a code no IDL defines', () => {
    const d = decodeTransactionError({ InstructionError: [0, { Custom: 42 }] }, () => MEMBER);
    expect(d.title).toBe('member: error 42');
  });

  it('passes through a runtime error by name', () => {
    const d = decodeTransactionError('BlockhashNotFound', () => undefined);
    expect(d).toMatchObject({ title: 'Transaction failed', kind: 'other' });
    expect(d.message).toContain('BlockhashNotFound');
  });
});

describe('isUserRejection', () => {
  it('recognises wallet refusals and nothing else', () => {
    expect(isUserRejection({ code: 4001, message: 'User rejected the request.' })).toBe(true);
    expect(isUserRejection(new Error('Transaction declined'))).toBe(true);
    expect(isUserRejection({ cause: { name: 'WalletSignTransactionError: rejected' } })).toBe(true);
    expect(isUserRejection(new Error('insufficient funds'))).toBe(false);
    expect(isUserRejection(undefined)).toBe(false);
  });
});
