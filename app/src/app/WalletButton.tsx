import { useEffect, useId, useRef, useState, type Ref, type RefObject } from 'react';
import {
  useConnect,
  useDisconnect,
  useWallets,
  type UiWallet,
} from '@wallet-standard/react';
import { useApp } from '../shared/context';
import { Addr } from '../shared/ui/ui';

function canSignSolana(w: UiWallet): boolean {
  return (
    w.chains.some((c) => c.startsWith('solana:')) &&
    w.features.includes('solana:signTransaction') &&
    w.features.includes('standard:connect')
  );
}

function WalletOption({ wallet, onDone }: { wallet: UiWallet; onDone: () => void }) {
  const { setAccount } = useApp();
  const [isConnecting, connect] = useConnect(wallet);
  const [error, setError] = useState<string | null>(null);
  return (
    <li>
      <button
        type="button"
        className="flex w-full items-center gap-3 rounded-lg px-3 py-2 text-left hover:bg-slate-100 dark:hover:bg-slate-800"
        disabled={isConnecting}
        onClick={async () => {
          setError(null);
          try {
            const accounts = await connect();
            if (accounts.length > 0) {
              setAccount(accounts[0]);
              onDone();
            } else {
              setError('The wallet shared no account.');
            }
          } catch (e) {
            setError(e instanceof Error ? e.message : String(e));
          }
        }}
      >
        {wallet.icon ? <img src={wallet.icon} alt="" className="h-6 w-6 rounded" /> : null}
        <span>{isConnecting ? `Connecting ${wallet.name}…` : wallet.name}</span>
      </button>
      {error ? <p className="px-3 text-xs text-red-600 dark:text-red-400">{error}</p> : null}
    </li>
  );
}

function DisconnectButton({ wallet, ref }: { wallet: UiWallet | undefined; ref: Ref<HTMLButtonElement> }) {
  const { setAccount } = useApp();
  if (!wallet) {
    return (
      <button ref={ref} type="button" className="btn-secondary" onClick={() => setAccount(null)}>
        Disconnect
      </button>
    );
  }
  return <DisconnectWith ref={ref} wallet={wallet} onDone={() => setAccount(null)} />;
}

function DisconnectWith({ wallet, onDone, ref }: { wallet: UiWallet; onDone: () => void; ref: Ref<HTMLButtonElement> }) {
  const [, disconnect] = useDisconnect(wallet);
  return (
    <button
      ref={ref}
      type="button"
      className="btn-secondary"
      onClick={async () => {
        try {
          if (wallet.features.includes('standard:disconnect')) await disconnect();
        } finally {
          onDone();
        }
      }}
    >
      Disconnect
    </button>
  );
}

/**
 * The wallet picker: a modal <dialog> (the browser moves focus into it, keeps Tab inside it and
 * closes it on Escape); closing it returns focus to the button that opened it.
 */
function WalletDialog({
  wallets,
  dialogRef,
  onClosed,
}: {
  wallets: UiWallet[];
  dialogRef: RefObject<HTMLDialogElement | null>;
  onClosed: () => void;
}) {
  const titleId = useId();
  const close = () => dialogRef.current?.close();
  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={titleId}
      data-testid="wallet-dialog"
      className="m-auto w-80 max-w-[calc(100vw-2rem)] rounded-xl border border-slate-200 bg-white p-4 text-slate-900 shadow-lg dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      onClose={onClosed}
      // A click on the backdrop (outside the box) closes it too.
      onClick={(e) => {
        if (e.target === e.currentTarget) close();
      }}
    >
      <h2 id={titleId} className="mb-2 text-base font-semibold">
        Choose a wallet
      </h2>
      {wallets.length === 0 ? (
        <p className="p-3 text-sm">
          No Solana wallet found. Install{' '}
          <a className="underline" href="https://phantom.com/" target="_blank" rel="noreferrer">
            Phantom
          </a>{' '}
          or another Wallet Standard wallet.
        </p>
      ) : (
        <ul>
          {wallets.map((w) => (
            <WalletOption key={w.name} wallet={w} onDone={close} />
          ))}
        </ul>
      )}
      <div className="mt-3 flex justify-end">
        <button type="button" className="btn-secondary py-1.5" onClick={close}>
          Close
        </button>
      </div>
    </dialog>
  );
}

export function WalletButton() {
  const wallets = useWallets().filter(canSignSolana);
  const { account } = useApp();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const disconnectRef = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);

  // Connecting replaces the "Connect wallet" button with "Disconnect" and disconnecting the other
  // way round: the button that had focus is gone, so focus moves to the one that took its place
  // (never left on the page's body).
  const previous = useRef(account);
  useEffect(() => {
    if (previous.current === account) return;
    previous.current = account;
    const active = document.activeElement;
    if (!active || active === document.body) (account ? disconnectRef : openerRef).current?.focus();
  }, [account]);

  if (account) {
    const wallet = wallets.find((w) => w.accounts.some((a) => a.address === account.address));
    return (
      <div className="flex items-center gap-2">
        <span className="sr-only">Connected wallet:</span>
        <Addr
          a={account.address}
          testId="connected-address"
          className="rounded-lg bg-emerald-100 py-0.5 pl-2 pr-0.5 text-xs text-emerald-900 dark:bg-emerald-900/40 dark:text-emerald-200"
        />
        <DisconnectButton ref={disconnectRef} wallet={wallet} />
      </div>
    );
  }
  return (
    <>
      <button
        ref={openerRef}
        type="button"
        className="btn"
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => {
          dialogRef.current?.showModal();
          setOpen(true);
        }}
      >
        Connect wallet
      </button>
      <WalletDialog
        wallets={wallets}
        dialogRef={dialogRef}
        onClosed={() => {
          setOpen(false);
          openerRef.current?.focus();
        }}
      />
    </>
  );
}
