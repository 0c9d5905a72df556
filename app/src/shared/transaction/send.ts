// One transaction, the app's way: build, simulate (a failure is decoded from the IDL before
// the wallet is asked), sign with the wallet's `solana:signTransaction`, send through the
// app's own RPC connection (so localnet works with any wallet), and wait for confirmation.
import {
  getBase64Decoder,
  getBase64EncodedWireTransaction,
  getTransactionEncoder,
  type Address,
  type Instruction,
  type Signature,
} from '@solana/kit';
import { decodeTransactionError } from '@sourceenergy/client';
import type { AppRpc } from '../chain/rpc';
import { compileUnsigned } from './compile';
import { TransactionFailedError, UserRejectedError, isUserRejection } from './errors';

export type SignTransactionFn = (input: {
  transaction: Uint8Array;
}) => Promise<{ signedTransaction: Uint8Array }>;

export type SendResult = { signature: Signature; unitsConsumed?: bigint };

export async function simulateSignSend(opts: {
  rpc: AppRpc;
  feePayer: Address;
  instructions: readonly Instruction[];
  signTransaction: SignTransactionFn;
  onSubmitted?: (signature: Signature) => void;
  timeoutMs?: number;
}): Promise<SendResult> {
  const { rpc, feePayer, instructions } = opts;
  const { value: blockhash } = await rpc.getLatestBlockhash({ commitment: 'confirmed' }).send();
  const programOf = (i: number) => instructions[i]?.programAddress;
  const unsigned = compileUnsigned(feePayer, blockhash, instructions);

  const sim = await rpc
    .simulateTransaction(getBase64EncodedWireTransaction(unsigned), {
      encoding: 'base64',
      sigVerify: false,
      commitment: 'confirmed',
    })
    .send();
  if (sim.value.err) {
    const logs = sim.value.logs ?? [];
    throw new TransactionFailedError(decodeTransactionError(sim.value.err, programOf, logs), logs);
  }

  let signed: Uint8Array;
  try {
    const out = await opts.signTransaction({
      transaction: new Uint8Array(getTransactionEncoder().encode(unsigned)),
    });
    signed = out.signedTransaction;
  } catch (e) {
    if (isUserRejection(e)) throw new UserRejectedError();
    throw e;
  }

  const wire = getBase64Decoder().decode(signed) as ReturnType<typeof getBase64EncodedWireTransaction>;
  let signature: Signature;
  try {
    signature = await rpc
      .sendTransaction(wire, { encoding: 'base64', preflightCommitment: 'confirmed' })
      .send();
  } catch (e) {
    // A failed preflight carries the transaction error in the JSON-RPC error's data.
    const data = (e as { context?: { __serverMessage?: string }; cause?: unknown }) ?? {};
    const cause = (data.cause ?? e) as { context?: Record<string, unknown> };
    const err = cause?.context?.err ?? findErr(e);
    if (err) throw new TransactionFailedError(decodeTransactionError(err, programOf));
    throw e;
  }
  opts.onSubmitted?.(signature);
  await confirm(rpc, signature, programOf, opts.timeoutMs ?? 60_000);
  return { signature, unitsConsumed: sim.value.unitsConsumed };
}

function findErr(e: unknown, depth = 0): unknown {
  if (!e || typeof e !== 'object' || depth > 4) return undefined;
  const o = e as Record<string, unknown>;
  if (o.err) return o.err;
  if (o.context) return findErr(o.context, depth + 1);
  if (o.cause) return findErr(o.cause, depth + 1);
  return undefined;
}

async function confirm(
  rpc: AppRpc,
  signature: Signature,
  programOf: (i: number) => string | undefined,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { value } = await rpc.getSignatureStatuses([signature]).send();
    const status = value[0];
    if (status?.err) throw new TransactionFailedError(decodeTransactionError(status.err, programOf));
    if (status && (status.confirmationStatus === 'confirmed' || status.confirmationStatus === 'finalized')) {
      return;
    }
    await new Promise((r) => setTimeout(r, 400));
  }
  throw new Error(`Not confirmed within ${Math.round(timeoutMs / 1000)} s: ${signature}`);
}
