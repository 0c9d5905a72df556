// Failures as a caller reads them: the program error's name and message from the IDLs, also
// when the failing program was reached by CPI; a token program's error below a CPI (the
// programs move every token through Token-2022) named from the simulation logs; and what
// @solana/kit throws for a failed preflight. The same errors from real transactions on a local
// node are in ../errors-localnet.test.ts.
import { describe, expect, it } from 'vitest';
import {
  SOLANA_ERROR__INSTRUCTION_ERROR__CUSTOM,
  SOLANA_ERROR__JSON_RPC__SERVER_ERROR_SEND_TRANSACTION_PREFLIGHT_FAILURE,
  SolanaError,
  type Address,
} from '@solana/kit';
import { decodeTransactionError, describeError, failingProgram } from '../../src/errors';

const MEMBER = 'ZsUSWowV8PbHbMHJdgL7Wp7K4qgwKPHeyZ3w2wUT7R5';
const MARKETPLACE = 'DU1QfN2sPcBeXCKiwjLwkwidmVbmTkzfuaKxjWEfKKcP';
const TOKEN_2022 = 'TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb';

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

describe('token errors below a CPI', () => {
  const logs = [
    `Program ${MARKETPLACE} invoke [1]`,
    'Program log: Instruction: RetireCarbon',
    `Program ${TOKEN_2022} invoke [2]`,
    'Program log: Instruction: Burn',
    'Program log: Error: insufficient funds',
    `Program ${TOKEN_2022} consumed 1200 of 190000 compute units`,
    `Program ${TOKEN_2022} failed: custom program error: 0x1`,
    `Program ${MARKETPLACE} consumed 12000 of 200000 compute units`,
    `Program ${MARKETPLACE} failed: custom program error: 0x1`,
  ];

  it('finds the innermost program that failed with the code', () => {
    expect(failingProgram(logs, 1)).toBe(TOKEN_2022);
    expect(failingProgram(logs, 2)).toBeUndefined();
  });

  it("names Token-2022's InsufficientFunds instead of the outer program's error 1", () => {
    const d = decodeTransactionError({ InstructionError: [0, { Custom: 1 }] }, () => MARKETPLACE, logs);
    expect(d).toEqual({
      title: 'token-2022: InsufficientFunds',
      message: 'Insufficient funds',
      kind: 'program',
      program: 'token-2022',
      name: 'InsufficientFunds',
      code: 1,
    });
  });

  it('without logs keeps the old fallback', () => {
    const d = decodeTransactionError({ InstructionError: [0, { Custom: 1 }] }, () => MARKETPLACE);
    expect(d.title).toBe('marketplace: error 1');
  });
});

describe('describeError', () => {
  const custom = (code: number, index = 0) => new SolanaError(SOLANA_ERROR__INSTRUCTION_ERROR__CUSTOM, { code, index });

  it("decodes kit's preflight failure: the instruction error is its cause, the logs its context", () => {
    const logs = [`Program ${MARKETPLACE} invoke [1]`, `Program ${MARKETPLACE} failed: custom program error: 0x7d0`];
    const err = new SolanaError(SOLANA_ERROR__JSON_RPC__SERVER_ERROR_SEND_TRANSACTION_PREFLIGHT_FAILURE, {
      accounts: null,
      logs,
      returnData: null,
      unitsConsumed: 1000n,
      cause: custom(2000),
    } as never);
    // 2000 is Anchor's ConstraintMut: no IDL owns it, so the logs name the program.
    expect(describeError(err)).toMatchObject({ program: 'marketplace', name: 'ConstraintMut', code: 2000 });
  });

  it('names the program of the failing instruction when given the instructions', () => {
    const d = describeError(custom(3012, 1), [
      { programAddress: MARKETPLACE as Address },
      { programAddress: MEMBER as Address },
    ]);
    expect(d).toMatchObject({ title: 'member: AccountNotInitialized', kind: 'program' });
  });

  it('decodes an IDL error by its code alone', () => {
    expect(describeError(custom(11001))).toMatchObject({ program: 'member', name: 'ZeroAmount' });
  });

  it('leaves anything else as it is', () => {
    expect(describeError(new Error('socket hang up'))).toEqual({
      kind: 'other',
      title: 'Transaction failed',
      message: 'socket hang up',
    });
  });
});
