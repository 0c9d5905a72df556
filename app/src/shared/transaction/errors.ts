// Turns a failed simulation, a failed send or a wallet's refusal into one plain sentence:
// the program's error name and message from its IDL, or "You rejected the request in your wallet."
import idlPrograms from 'virtual:idl-errors';

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

/** The program the logs say failed with custom error `code`: the innermost failure, logged first. */
export function failingProgram(logs: readonly string[], code: number): string | undefined {
  const hex = `0x${code.toString(16)}`;
  for (const line of logs) {
    const m = /^Program (\w+) failed: custom program error: (0x[0-9a-f]+)$/.exec(line);
    if (m && m[2] === hex) return m[1];
  }
  return undefined;
}

export type DecodedError = {
  /** e.g. "member: NotAttested" */
  title: string;
  message: string;
  kind: 'program' | 'rejected' | 'other';
};

export class UserRejectedError extends Error {
  constructor() {
    super('You rejected the request in your wallet. Nothing was sent.');
    this.name = 'UserRejectedError';
  }
}

export class TransactionFailedError extends Error {
  decoded: DecodedError;
  logs: readonly string[];
  constructor(decoded: DecodedError, logs: readonly string[] = []) {
    super(`${decoded.title}: ${decoded.message}`);
    this.name = 'TransactionFailedError';
    this.decoded = decoded;
    this.logs = logs;
  }
}

export function programName(address: string): string {
  return idlPrograms.find((p) => p.address === address)?.name ?? `program ${address.slice(0, 4)}…`;
}

/**
 * A custom error code, by name and message. Each of the six programs has its own code range
 * (6000, 7000, ... 11000), so the code names the program that failed even when the failing
 * instruction called it by CPI (member -> grid_market, say).
 */
export function decodeProgramError(programAddress: string, code: number, logs: readonly string[] = []): DecodedError {
  const owner = idlPrograms.find((p) => p.errors.some((x) => x.code === code));
  const e = owner?.errors.find((x) => x.code === code);
  if (owner && e) return { title: `${owner.name}: ${e.name}`, message: e.msg || e.name, kind: 'program' };
  // A token program's error below a CPI (insufficient funds, say), as the logs name it.
  const failing = failingProgram(logs, code);
  const token = failing ? TOKEN_PROGRAMS[failing] : undefined;
  if (token && TOKEN_ERRORS[code]) {
    return { title: `${token}: ${TOKEN_ERRORS[code][0]}`, message: TOKEN_ERRORS[code][1], kind: 'program' };
  }
  const who = programName(programAddress);
  const anchor = ANCHOR_ERRORS[code];
  if (anchor) return { title: `${who}: ${anchor[0]}`, message: anchor[1], kind: 'program' };
  return { title: `${who}: error ${code}`, message: `Custom program error ${code}`, kind: 'program' };
}

type InstructionErrorLike = { InstructionError: [number | bigint, unknown] };

/**
 * Decodes a transaction error as the RPC returns it (`{ InstructionError: [i, { Custom: n }] }`
 * or a string), given the program address of each instruction.
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
    return {
      title: `${programName(program)}: ${typeof inner === 'string' ? inner : JSON.stringify(inner, jsonBigint)}`,
      message: `Instruction ${Number(index) + 1} failed.`,
      kind: 'program',
    };
  }
  const text = typeof err === 'string' ? err : JSON.stringify(err, jsonBigint);
  return { title: 'Transaction failed', message: text, kind: 'other' };
}

function jsonBigint(_k: string, v: unknown) {
  return typeof v === 'bigint' ? v.toString() : v;
}

/** True when a wallet refused to sign (Wallet Standard, Phantom and the test wallet). */
export function isUserRejection(e: unknown): boolean {
  if (!e || typeof e !== 'object') return false;
  const err = e as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown };
  if (err.code === 4001) return true;
  if (typeof err.name === 'string' && /reject/i.test(err.name)) return true;
  if (typeof err.message === 'string' && /reject|denied|declined|cancel/i.test(err.message)) return true;
  return err.cause ? isUserRejection(err.cause) : false;
}
