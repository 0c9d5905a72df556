// A token program's error reached through a CPI (the programs move every token through
// Token-2022) is named from the simulation logs, not taken for the outer program's code.
import { describe, expect, it } from 'vitest';
import { decodeTransactionError, failingProgram } from '../../src/shared/transaction/errors';

const MARKETPLACE = 'DU1QfN2sPcBeXCKiwjLwkwidmVbmTkzfuaKxjWEfKKcP';
const TOKEN_2022 = 'TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb';
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

describe('token errors below a CPI', () => {
  it('finds the innermost program that failed with the code', () => {
    expect(failingProgram(logs, 1)).toBe(TOKEN_2022);
    expect(failingProgram(logs, 2)).toBeUndefined();
  });

  it("names Token-2022's InsufficientFunds instead of the outer program's error 1", () => {
    const d = decodeTransactionError({ InstructionError: [0, { Custom: 1 }] }, () => MARKETPLACE, logs);
    expect(d).toEqual({ title: 'token-2022: InsufficientFunds', message: 'Insufficient funds', kind: 'program' });
  });

  it('without logs keeps the old fallback', () => {
    const d = decodeTransactionError({ InstructionError: [0, { Custom: 1 }] }, () => MARKETPLACE);
    expect(d.title).toBe('marketplace: error 1');
  });
});
