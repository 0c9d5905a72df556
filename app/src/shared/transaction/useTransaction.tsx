// Every action of the app sends its transaction through this one TanStack mutation. It builds the
// instructions, simulates them (a program error is decoded from the IDL before the wallet is
// asked), has the wallet sign, sends over the app's own RPC, waits for confirmation, and moves
// one toast through those steps: simulating → approve in your wallet → pending → confirmed with
// an explorer link, or the decoded failure. On success it invalidates the query keys the
// action's feature named, so the page shows the new state. `isPending` is the busy state of
// every button that sends through it; `error.message` is its last failure, worded for the user.
import { useMutation, useQueryClient, type QueryKey, type UseMutationResult } from '@tanstack/react-query';
import { toast } from 'sonner';
import { useSignTransaction } from '@solana/react';
import type { UiWalletAccount } from '@wallet-standard/react';
import { address, type Instruction, type Signature } from '@solana/kit';
import { explorerTxUrl } from '../chain/cluster';
import { useApp } from '../context';
import { TransactionFailedError, UserRejectedError } from './errors';
import { simulateSignSend } from './send';

export type TransactionRequest = {
  /** The action's name in its toasts: "Invest" → "Invest: confirmed". */
  label: string;
  /** Built when the action runs (reads and PDAs are async), so a failure to build is reported like a failed send. */
  instructions: () => Promise<readonly Instruction[]>;
};

export type Transaction = UseMutationResult<Signature, Error, TransactionRequest>;

/**
 * The connected wallet's transactions; each confirmed one invalidates the keys `invalidates` gives
 * for the current cluster (prefixes from queryKeys: everything below them is refetched).
 */
export function useTransaction(
  account: UiWalletAccount,
  invalidates: (clusterUrl: string) => readonly QueryKey[],
): Transaction {
  const { rpc, cluster } = useApp();
  const signTransaction = useSignTransaction(account, cluster.chain);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ label, instructions }: TransactionRequest) => {
      const id = toast.loading(`${label}: simulating…`);
      try {
        const { signature } = await simulateSignSend({
          rpc,
          feePayer: address(account.address),
          instructions: await instructions(),
          signTransaction: (input) => {
            toast.loading(`${label}: approve in your wallet…`, { id });
            return signTransaction(input);
          },
          onSubmitted: () => toast.loading(`${label}: pending…`, { id }),
        });
        toast.success(`${label}: confirmed`, {
          id,
          description: (
            <a
              href={explorerTxUrl(cluster, signature)}
              target="_blank"
              rel="noreferrer"
              className="underline"
              data-testid="explorer-link"
            >
              View on Solana Explorer
            </a>
          ),
          duration: 10_000,
        });
        return signature;
      } catch (e) {
        throw reportFailure(id, label, e);
      }
    },
    onSuccess: () =>
      Promise.all(invalidates(cluster.rpcUrl).map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
}

/** Turns the loading toast into the failure: a refusal in the wallet, the decoded program error, or any other error. */
function reportFailure(id: string | number, label: string, e: unknown): Error {
  if (e instanceof UserRejectedError) {
    toast.error(`${label}: rejected`, { id, description: e.message, duration: 10_000 });
    return e;
  }
  if (e instanceof TransactionFailedError) {
    // Its message is "title: message", which is what the page shows.
    toast.error(e.decoded.title, { id, description: e.decoded.message, duration: 15_000 });
    return e;
  }
  const error = e instanceof Error ? e : new Error(String(e));
  toast.error(`${label}: failed`, { id, description: error.message, duration: 15_000 });
  return error;
}

/** Whether `label` is the action in flight: several buttons of a section send through one hook. */
export function isSending(tx: Transaction, label: string): boolean {
  return tx.isPending && tx.variables?.label === label;
}
