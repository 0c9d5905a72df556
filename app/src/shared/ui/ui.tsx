// The small pieces every page lays out its numbers, forms and states with.
import { useState, type ReactNode } from 'react';
import type { Address, Instruction } from '@solana/kit';
import type { UiWalletAccount } from '@wallet-standard/react';
import { parseAmount } from '@sourceenergy/client';
import { useApp } from '../context';
import { short } from '../format';
import { isSending, type Transaction } from '../transaction/useTransaction';

/** One `label … value` line of a `<dl>` card. */
export function Row({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="flex justify-between gap-4 border-t border-slate-200 py-1.5 first:border-0 dark:border-slate-800">
      <dt className="text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="text-right tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

/** A headline figure inside a `<dl>` grid: small caps label over a large value. */
export function Stat({ label, value, testId, title }: { label: string; value: string; testId?: string; title?: string }) {
  return (
    <div title={title}>
      <dt className="stat-label">{label}</dt>
      <dd className="stat-value" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

/** An address, shortened, marked "(you)" when it is the connected wallet's. */
export function Addr({ a, you }: { a: Address; you: Address | null }) {
  return (
    <span className="font-mono" title={a}>
      {short(a)}
      {a === you ? <span className="ml-1 font-sans text-emerald-700 dark:text-emerald-400">(you)</span> : null}
    </span>
  );
}

/** A read of the chain that failed. */
export function ReadError({ error, what = 'the chain', className }: { error: unknown; what?: string; className?: string }) {
  return (
    <p className={className} role="alert">
      Cannot read {what}: {String(error)}
    </p>
  );
}

/** The last failure of a section's transactions, worded for the user; nothing while none failed. */
export function TxError({ tx, testId, className }: { tx: Transaction | null; testId?: string; className?: string }) {
  if (!tx?.error) return null;
  return (
    <p className={`${className ? `${className} ` : ''}text-red-700 dark:text-red-400`} role="alert" data-testid={testId}>
      {tx.error.message}
    </p>
  );
}

/** `children` for the connected wallet account; `fallback` while none is connected. */
export function WalletGate({
  fallback,
  children,
}: {
  fallback: ReactNode;
  children: (account: UiWalletAccount) => ReactNode;
}) {
  const { account } = useApp();
  return account ? children(account) : fallback;
}

/** What a page that needs a wallet shows until one is connected. */
export function ConnectFirst({ children }: { children: ReactNode }) {
  return (
    <div className="card" data-testid="connect-first">
      <p>{children}</p>
    </div>
  );
}

/** An amount field and its submit button, sending `action` through `tx`; the field clears once it is confirmed. */
export function AmountForm({
  label,
  testId,
  disabled,
  tx,
  action,
  instructions,
}: {
  label: string;
  testId: string;
  disabled?: boolean;
  tx: Transaction;
  /** The transaction's name in its toasts. */
  action: string;
  instructions: (amount: bigint) => Promise<readonly Instruction[]>;
}) {
  const [text, setText] = useState('');
  const amount = parseAmount(text);
  return (
    <form
      className="flex gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (amount === null) return;
        tx.mutate({ label: action, instructions: () => instructions(amount) }, { onSuccess: () => setText('') });
      }}
    >
      <input
        className="input"
        inputMode="decimal"
        placeholder="Amount"
        aria-label={`${label} amount`}
        data-testid={`${testId}-amount`}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit" className="btn shrink-0" disabled={disabled || tx.isPending || amount === null} data-testid={testId}>
        {isSending(tx, action) ? 'Working…' : label}
      </button>
    </form>
  );
}
