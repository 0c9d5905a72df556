// A wallet's refusal said plainly (the programs' errors are decoded by @sourceenergy/client,
// tested in clients/js/tests/errors.test.ts).
import { describe, expect, it } from 'vitest';
import { isUserRejection } from '../../src/shared/transaction/errors';

describe('isUserRejection', () => {
  it('recognises wallet refusals and nothing else', () => {
    expect(isUserRejection({ code: 4001, message: 'User rejected the request.' })).toBe(true);
    expect(isUserRejection(new Error('Transaction declined'))).toBe(true);
    expect(isUserRejection({ cause: { name: 'WalletSignTransactionError: rejected' } })).toBe(true);
    expect(isUserRejection(new Error('insufficient funds'))).toBe(false);
    expect(isUserRejection(undefined)).toBe(false);
  });
});
