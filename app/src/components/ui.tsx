// The small pieces every page lays out its numbers and forms with.
import { useState } from 'react';
import { parseAmount } from '../lib/actions';

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

/** An amount field and its submit button, busy while `onSubmit` runs. */
export function AmountForm({
  label,
  testId,
  disabled,
  onSubmit,
}: {
  label: string;
  testId: string;
  disabled?: boolean;
  /** Returns false when nothing was done, so the amount stays for another try. */
  onSubmit: (amount: bigint) => Promise<boolean | void>;
}) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const amount = parseAmount(text);
  return (
    <form
      className="flex gap-2"
      onSubmit={async (e) => {
        e.preventDefault();
        if (amount === null) return;
        setBusy(true);
        try {
          if ((await onSubmit(amount)) !== false) setText('');
        } finally {
          setBusy(false);
        }
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
      <button type="submit" className="btn shrink-0" disabled={disabled || busy || amount === null} data-testid={testId}>
        {busy ? 'Working…' : label}
      </button>
    </form>
  );
}
