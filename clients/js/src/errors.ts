// A failed transaction as its caller should read it: the program that failed, the error's name
// and its message, from the programs' IDLs (src/generated/errorTable.ts, written with the
// clients by scripts/codama.mjs), Anchor's own errors, or the token programs' errors below a CPI.
import {
  SOLANA_ERROR__INSTRUCTION_ERROR__CUSTOM,
  SOLANA_ERROR__JSON_RPC__SERVER_ERROR_SEND_TRANSACTION_PREFLIGHT_FAILURE,
  isSolanaError,
  type Address,
} from '@solana/kit';
import { programErrorTable } from './generated/errorTable';

/** Anchor's own errors a user of these programs can meet (anchor-lang error codes). */
const ANCHOR_ERRORS: Record<number, [string, string]> = {
  2000: ['ConstraintMut', 'A mut constraint was violated'],
  2001: ['ConstraintHasOne', 'A has one constraint was violated'],
  2002: ['ConstraintSigner', 'A signer constraint was violated'],
  2003: ['ConstraintRaw', 'A raw constraint was violated'],
  2006: ['ConstraintSeeds', 'A seeds constraint was violated'],
  2012: ['ConstraintAddress', 'An address constraint was violated'],
  2014: ['ConstraintTokenMint', 'A token mint constraint was violated'],
  2015: ['ConstraintTokenOwner', 'A token owner constraint was violated'],
  3001: ['AccountDiscriminatorNotFound', 'No discriminator was found on the account'],
  3002: ['AccountDiscriminatorMismatch', 'Account discriminator did not match what was expected'],
  3007: ['AccountOwnedByWrongProgram', 'The given account is owned by a different program than expected'],
  3012: ['AccountNotInitialized', 'The program expected this account to be already initialized'],
};

/** The SPL token programs the six programs call; their errors (TokenError) come through CPI. */
const TOKEN_PROGRAMS: Record<string, string> = {
  TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA: 'token',
  TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb: 'token-2022',
};
/** TokenError by code (its position in the enum). */
const TOKEN_ERRORS: [string, string][] = [
  ['NotRentExempt', 'Lamport balance below rent-exempt threshold'],
  ['InsufficientFunds', 'Insufficient funds'],
  ['InvalidMint', 'Invalid Mint'],
  ['MintMismatch', 'Account not associated with this Mint'],
  ['OwnerMismatch', 'Owner does not match'],
  ['FixedSupply', 'Fixed supply'],
  ['AlreadyInUse', 'Already in use'],
  ['InvalidNumberOfProvidedSigners', 'Invalid number of provided signers'],
  ['InvalidNumberOfRequiredSigners', 'Invalid number of required signers'],
  ['UninitializedState', 'State is uninitialized'],
  ['NativeNotSupported', 'Instruction does not support native tokens'],
  ['NonNativeHasBalance', 'Non-native account can only be closed if its balance is zero'],
  ['InvalidInstruction', 'Invalid instruction'],
  ['InvalidState', 'State is invalid for requested operation'],
  ['Overflow', 'Operation overflowed'],
  ['AuthorityTypeNotSupported', 'Account does not support specified authority type'],
  ['MintCannotFreeze', 'This token mint cannot freeze accounts'],
  ['AccountFrozen', 'Account is frozen'],
  ['MintDecimalsMismatch', 'The provided decimals value different from the Mint decimals'],
  ['NonNativeNotSupported', 'Instruction does not support non-native tokens'],
];

export type DecodedError =
  | {
      kind: 'program';
      /** The failing program's name: its IDL name ("member"), "token-2022", or "program Abcd…". */
      program: string;
      /** The error's name ("NotAttested"), or "error 42" for a code nobody defines. */
      name: string;
      /** The custom error code, when the program returned one. */
      code?: number;
      /** `${program}: ${name}`, e.g. "member: NotAttested". */
      title: string;
      message: string;
    }
  | { kind: 'other'; title: string; message: string };

function programError(program: string, name: string, message: string, code?: number): DecodedError {
  return { kind: 'program', program, name, ...(code === undefined ? {} : { code }), title: `${program}: ${name}`, message };
}

/** The program the logs say failed with custom error `code`: the innermost failure, logged first. */
export function failingProgram(logs: readonly string[], code: number): string | undefined {
  const hex = `0x${code.toString(16)}`;
  for (const line of logs) {
    const m = /^Program (\w+) failed: custom program error: (0x[0-9a-f]+)$/.exec(line);
    if (m && m[2] === hex) return m[1];
  }
  return undefined;
}

/** One of the six programs' IDL names ("central_bank"...) by address, else "program Abcd…". */
export function programName(address: string): string {
  return programErrorTable.find((p) => p.address === address)?.name ?? `program ${address.slice(0, 4)}…`;
}

/**
 * A custom error code, by name and message. Each of the six programs has its own code range
 * (6000, 7000, ... 11000), so the code names the program that failed even when the failing
 * instruction called it by CPI (member -> grid_market, say). `programAddress` is the failing
 * instruction's program, which Anchor's own errors (2000, 3000...) are attributed to.
 */
export function decodeProgramError(programAddress: string, code: number, logs: readonly string[] = []): DecodedError {
  const owner = programErrorTable.find((p) => p.errors.some((x) => x.code === code));
  const e = owner?.errors.find((x) => x.code === code);
  if (owner && e) return programError(owner.name, e.name, e.msg || e.name, code);
  // A token program's error below a CPI (insufficient funds, say), as the logs name it.
  const failing = failingProgram(logs, code);
  const token = failing ? TOKEN_PROGRAMS[failing] : undefined;
  if (token && TOKEN_ERRORS[code]) return programError(token, TOKEN_ERRORS[code][0], TOKEN_ERRORS[code][1], code);
  const who = programName(programAddress);
  const anchor = ANCHOR_ERRORS[code];
  if (anchor) return programError(who, anchor[0], anchor[1], code);
  return programError(who, `error ${code}`, `Custom program error ${code}`, code);
}

type InstructionErrorLike = { InstructionError: readonly [number | bigint, unknown] };

/**
 * Decodes a transaction error as the RPC returns it (`simulateTransaction`'s or
 * `getSignatureStatuses`' `err`: `{ InstructionError: [i, { Custom: n }] }` or a string),
 * given the program address of each instruction and, when there are any, the logs.
 */
export function decodeTransactionError(
  err: unknown,
  programOf: (instructionIndex: number) => string | undefined,
  logs: readonly string[] = [],
): DecodedError {
  if (err && typeof err === 'object' && 'InstructionError' in err) {
    const [index, inner] = (err as InstructionErrorLike).InstructionError;
    const program = programOf(Number(index)) ?? '';
    if (inner && typeof inner === 'object' && 'Custom' in inner) {
      return decodeProgramError(program, Number((inner as { Custom: number | bigint }).Custom), logs);
    }
    const name = typeof inner === 'string' ? inner : JSON.stringify(inner, jsonBigint);
    return programError(programName(program), name, `Instruction ${Number(index) + 1} failed.`);
  }
  const text = typeof err === 'string' ? err : JSON.stringify(err, jsonBigint);
  return { kind: 'other', title: 'Transaction failed', message: text };
}

/**
 * Decodes what @solana/kit throws when a transaction fails: a preflight failure of
 * `sendTransaction` (or of `sendAndConfirmTransactionFactory`), whose cause is the instruction
 * error and whose context holds the simulation's logs, or the instruction error itself. Pass
 * the transaction's instructions so that Anchor's own errors name the program; without them the
 * logs do. Anything else comes back as `kind: 'other'` with its message.
 */
export function describeError(
  err: unknown,
  instructions: readonly { programAddress: Address }[] = [],
): DecodedError {
  let logs: readonly string[] = [];
  let cause = err;
  if (isSolanaError(err, SOLANA_ERROR__JSON_RPC__SERVER_ERROR_SEND_TRANSACTION_PREFLIGHT_FAILURE)) {
    logs = err.context.logs ?? [];
    cause = err.cause;
  }
  if (isSolanaError(cause, SOLANA_ERROR__INSTRUCTION_ERROR__CUSTOM)) {
    const { code, index } = cause.context;
    const program = instructions[index]?.programAddress ?? failingProgram(logs, code) ?? '';
    return decodeProgramError(program, code, logs);
  }
  if (isSolanaError(cause) && typeof (cause.context as { index?: unknown }).index === 'number') {
    const index = (cause.context as { index: number }).index;
    return programError(programName(instructions[index]?.programAddress ?? ''), cause.message, cause.message);
  }
  if (cause && typeof cause === 'object' && 'InstructionError' in cause) {
    return decodeTransactionError(cause, (i) => instructions[i]?.programAddress, logs);
  }
  return { kind: 'other', title: 'Transaction failed', message: cause instanceof Error ? cause.message : String(cause) };
}

function jsonBigint(_k: string, v: unknown) {
  return typeof v === 'bigint' ? v.toString() : v;
}
