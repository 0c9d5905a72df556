// The app's two kinds of failure: a transaction the programs refused (decoded by
// @sourceenergy/client into the program's error name and message from its IDL) and a request
// the user rejected in the wallet, said plainly.
import type { DecodedError } from '@sourceenergy/client';

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

/** True when a wallet refused to sign (Wallet Standard, Phantom and the test wallet). */
export function isUserRejection(e: unknown): boolean {
  if (!e || typeof e !== 'object') return false;
  const err = e as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown };
  if (err.code === 4001) return true;
  if (typeof err.name === 'string' && /reject/i.test(err.name)) return true;
  if (typeof err.message === 'string' && /reject|denied|declined|cancel/i.test(err.message)) return true;
  return err.cause ? isUserRejection(err.cause) : false;
}
