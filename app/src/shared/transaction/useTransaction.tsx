// Every action of the app sends its transaction through this one TanStack mutation. It builds the
// instructions, simulates them (a program error is decoded from the IDL before the wallet is
// asked), has the wallet sign, sends over the app's own RPC, waits for confirmation, and moves
// one toast through those steps: simulating → approve in your wallet → pending → confirmed with
// an explorer link, or the decoded failure. On success it invalidates the query keys the
// action's feature named, so the page shows the new state. `isPending` is the busy state of
// every button that sends through it; `error.message` is its last failure, worded for the user.
import { useRef } from 'react';
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
  // The control each request was sent from, and how many of this hook's requests are in flight
  // (Claim all sends its batches one after another: focus is placed once the last has settled).
  const senders = useRef(new WeakMap<TransactionRequest, Sender>());
  const lastSender = useRef<Sender | null>(null);
  const inFlight = useRef(0);
  return useMutation({
    mutationFn: async (request: TransactionRequest) => {
      const { label, instructions } = request;
      inFlight.current++;
      const active = document.activeElement;
      // A later batch starts while the disabled button has lost focus: it was sent from the same place.
      const sender = active instanceof HTMLElement && active !== document.body ? senderOf(active) : lastSender.current;
      if (sender) senders.current.set(request, sender);
      lastSender.current = sender;
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
    // After onSuccess's reads: the page shows the new state, so it is known whether the sender survived.
    onSettled: (_data, _error, request) => {
      inFlight.current--;
      const sender = senders.current.get(request);
      if (sender) placeFocusAfter(sender, () => inFlight.current > 0);
    },
  });
}

type Sender = { el: HTMLElement; form: HTMLElement | null; section: HTMLElement | null };

/** The control a request is sent from, with its form and section (known only while it is in the page). */
function senderOf(el: HTMLElement): Sender {
  return { el, form: el.closest<HTMLElement>('form, [data-focus-group]'), section: el.closest('section') };
}

/**
 * Where focus goes once a transaction has settled and the page shows its result. The control that
 * sent it is disabled while it is in flight, and a disabled or removed control leaves focus on the
 * page's body (a keyboard user would start again from the top; a screen reader user would be lost).
 * So, unless the person has focused something else meanwhile:
 * - the sender, once enabled again (a failure, or a button that stays, as Take does);
 * - else, when the sender is gone or stays disabled (the "Create member account" button gives way
 *   to the account, Join & invest's field was cleared, Claim all has nothing left, an executed
 *   proposal or a cancelled offer leaves its list): the first field of the sender's form (a <form>
 *   or a section marked data-focus-group, as the swap is), if the form is still there; else the
 *   heading of the sender's section (the section now shows the result); else the page's h1.
 */
function placeFocusAfter({ el: sender, form, section }: Sender, busy: () => boolean) {
  const disabled = (el: HTMLElement) => el.matches(':disabled');
  let frames = 0;
  const attempt = () => {
    // Another request of the same hook went out (the next batch): the last one to settle places focus.
    if (busy()) return;
    const active = document.activeElement;
    if (active && active !== document.body && active !== sender) return;
    if (sender.isConnected && !disabled(sender)) {
      if (active !== sender) sender.focus({ preventScroll: true });
      return;
    }
    // The page may not have rendered the settled state yet (the button re-enables a frame or two later).
    if (sender.isConnected && ++frames < 30) {
      requestAnimationFrame(attempt);
      return;
    }
    fallbackFocus(form, section)?.focus();
  };
  requestAnimationFrame(attempt);
}

function fallbackFocus(form: HTMLElement | null, section: HTMLElement | null): HTMLElement | null {
  if (form?.isConnected) {
    const field =
      form.querySelector<HTMLElement>('input:not([type="hidden"]):not(:disabled), select:not(:disabled), textarea:not(:disabled)') ??
      form.querySelector<HTMLElement>('button:not(:disabled)');
    if (field) return field;
  }
  const heading = (section?.isConnected ? section.querySelector<HTMLElement>('h2, h3') : null) ?? document.querySelector<HTMLElement>('main h1');
  // A heading takes focus from script only (tabindex -1), never a Tab stop.
  if (heading && !heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
  return heading;
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
