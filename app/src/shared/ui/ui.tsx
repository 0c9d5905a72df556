// The small pieces every page lays out its numbers, forms and states with.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { toast } from 'sonner';
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
      <dt className="text-muted">{label}</dt>
      <dd className="text-right tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

/**
 * A headline figure inside a `<dl>` grid: small caps label over a large value, and under it, when
 * the figure needs one, a short explanation in muted text: on screen for everyone (not a hover
 * tooltip) and read with the value by screen readers, as the value's description.
 */
export function Stat({ label, value, testId, help }: { label: string; value: string; testId?: string; help?: string }) {
  const helpId = useId();
  return (
    <div>
      <dt className="stat-label">{label}</dt>
      <dd className="stat-value" data-testid={testId} aria-describedby={help ? helpId : undefined}>
        {value}
      </dd>
      {help ? (
        <dd id={helpId} className="stat-help" data-testid={testId ? `${testId}-help` : undefined}>
          {help}
        </dd>
      ) : null}
    </div>
  );
}

/**
 * An address (or other long base58 id), shortened on screen, with a button that copies it whole.
 * Nothing about it is reachable only by hovering: the button is a Tab stop, and its name ("Copy
 * address 7xKX…" with the whole address) gives screen readers the full address; a toast in the
 * polite live region confirms the copy. `testId` marks the visible short form (what tests read);
 * `children` replaces that form (e.g. "you"); `you` adds "(you)" when it is the connected wallet.
 */
export function Addr({
  a,
  you,
  testId,
  what = 'address',
  className,
  children,
}: {
  a: string;
  you?: Address | null;
  testId?: string;
  what?: string;
  className?: string;
  children?: ReactNode;
}) {
  return (
    <span className={`inline-flex items-center gap-1 whitespace-nowrap${className ? ` ${className}` : ''}`}>
      <span className="font-mono" data-testid={testId}>
        {children ?? short(a)}
      </span>
      {you && a === you ? <span className="text-emerald-700 dark:text-emerald-400">(you)</span> : null}
      <CopyButton value={a} what={what} />
    </span>
  );
}

/** Copies `value`: the Clipboard API, else the older execCommand('copy'); whether it worked. */
async function copyText(value: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(value);
      return true;
    }
  } catch {
    // Refused (no permission, an insecure origin, the page not focused): try the older way.
  }
  const active = document.activeElement;
  const area = document.createElement('textarea');
  area.value = value;
  area.setAttribute('readonly', '');
  area.setAttribute('aria-hidden', 'true');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  area.style.pointerEvents = 'none';
  document.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  if (active instanceof HTMLElement) active.focus({ preventScroll: true });
  return ok;
}

/**
 * A small icon button that copies `value`; its accessible name says what it copies, whole. The
 * result is a toast (announced politely): "Address copied", or, where the browser allows no
 * copying, the value itself to select by hand.
 */
export function CopyButton({ value, what = 'address' }: { value: string; what?: string }) {
  const What = what.charAt(0).toUpperCase() + what.slice(1);
  return (
    <button
      type="button"
      className="copy-btn"
      aria-label={`Copy ${what} ${value}`}
      data-testid="copy"
      onClick={async () => {
        if (await copyText(value)) toast.success(`${What} copied`, { description: value, duration: 4_000 });
        else toast.error(`Cannot copy the ${what} here`, { description: value, duration: 15_000 });
      }}
    >
      <svg aria-hidden="true" focusable="false" viewBox="0 0 16 16" width="14" height="14" fill="none" stroke="currentColor" strokeWidth="1.5">
        <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
        <path d="M10.5 3.5v-.5a1.5 1.5 0 0 0-1.5-1.5H4A1.5 1.5 0 0 0 2.5 3v5A1.5 1.5 0 0 0 4 9.5h.5" />
      </svg>
    </button>
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

/**
 * A wide table's box: it scrolls sideways inside its card (phones, 200 % zoom) instead of widening
 * the page. While it overflows it is a named region in the Tab order, so a keyboard can scroll it
 * with the arrow keys (WCAG 2.1.1); while it fits it is no extra Tab stop.
 */
export function TableScroll({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => setOverflows(el.scrollWidth > el.clientWidth + 1);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div
      ref={ref}
      className={`table-scroll${className ? ` ${className}` : ''}`}
      {...(overflows ? { tabIndex: 0, role: 'region', 'aria-label': label } : {})}
    >
      {children}
    </div>
  );
}
