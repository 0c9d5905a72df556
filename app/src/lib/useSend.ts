// Runs a transaction with toasts: simulating → waiting for the wallet → pending → confirmed
// (explorer link) or the decoded failure / the plain rejection message.
import { createElement } from 'react';
import { toast } from 'sonner';
import { useSignTransaction } from '@solana/react';
import type { UiWalletAccount } from '@wallet-standard/react';
import { address, type Instruction } from '@solana/kit';
import { useQueryClient } from '@tanstack/react-query';
import { useApp } from './context';
import { explorerTxUrl } from './cluster';
import { TransactionFailedError, UserRejectedError } from './errors';
import { simulateSignSend } from './tx';

export type SendOutcome =
  | { ok: true; signature: string }
  | { ok: false; kind: 'rejected' | 'program' | 'other'; message: string };

/** What `useSend` returns: simulate, sign in the wallet, send, with toasts. */
export type Send = (label: string, instructions: readonly Instruction[]) => Promise<SendOutcome>;

export function useSend(account: UiWalletAccount): Send {
  const { rpc, cluster } = useApp();
  const signTransaction = useSignTransaction(account, cluster.chain);
  const queryClient = useQueryClient();

  return async (label, instructions) => {
    const id = toast.loading(`${label}: simulating…`);
    try {
      const { signature } = await simulateSignSend({
        rpc,
        feePayer: address(account.address),
        instructions,
        signTransaction: async (input) => {
          toast.loading(`${label}: approve in your wallet…`, { id });
          return signTransaction(input);
        },
        onSubmitted: () => toast.loading(`${label}: pending…`, { id }),
      });
      toast.success(`${label}: confirmed`, {
        id,
        description: createElement(
          'a',
          { href: explorerTxUrl(cluster, signature), target: '_blank', rel: 'noreferrer', className: 'underline', 'data-testid': 'explorer-link' },
          'View on Solana Explorer',
        ),
        duration: 10_000,
      });
      await queryClient.invalidateQueries();
      return { ok: true, signature };
    } catch (e) {
      if (e instanceof UserRejectedError) {
        toast.error(`${label}: rejected`, { id, description: e.message, duration: 10_000 });
        return { ok: false, kind: 'rejected', message: e.message };
      }
      if (e instanceof TransactionFailedError) {
        toast.error(e.decoded.title, { id, description: e.decoded.message, duration: 15_000 });
        return { ok: false, kind: 'program', message: `${e.decoded.title}: ${e.decoded.message}` };
      }
      const message = e instanceof Error ? e.message : String(e);
      toast.error(`${label}: failed`, { id, description: message, duration: 15_000 });
      return { ok: false, kind: 'other', message };
    }
  };
}
