import { useState } from 'react';
import {
  useConnect,
  useDisconnect,
  useWallets,
  type UiWallet,
} from '@wallet-standard/react';
import { useApp } from '../shared/context';
import { short } from '../shared/format';

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

function DisconnectButton({ wallet }: { wallet: UiWallet | undefined }) {
  const { setAccount } = useApp();
  if (!wallet) {
    return (
      <button type="button" className="btn-secondary" onClick={() => setAccount(null)}>
        Disconnect
      </button>
    );
  }
  return <DisconnectWith wallet={wallet} onDone={() => setAccount(null)} />;
}

function DisconnectWith({ wallet, onDone }: { wallet: UiWallet; onDone: () => void }) {
  const [, disconnect] = useDisconnect(wallet);
  return (
    <button
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

export function WalletButton() {
  const wallets = useWallets().filter(canSignSolana);
  const { account } = useApp();
  const [open, setOpen] = useState(false);

  if (account) {
    const wallet = wallets.find((w) => w.accounts.some((a) => a.address === account.address));
    return (
      <div className="flex items-center gap-2">
        <span className="rounded-lg bg-emerald-100 px-2 py-1 font-mono text-xs text-emerald-900 dark:bg-emerald-900/40 dark:text-emerald-200" data-testid="connected-address" title={account.address}>
          {short(account.address)}
        </span>
        <DisconnectButton wallet={wallet} />
      </div>
    );
  }
  return (
    <div className="relative">
      <button type="button" className="btn" onClick={() => setOpen((o) => !o)}>
        Connect wallet
      </button>
      {open ? (
        <div className="absolute right-0 z-20 mt-2 w-64 rounded-xl border border-slate-200 bg-white p-2 shadow-lg dark:border-slate-700 dark:bg-slate-900">
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
                <WalletOption key={w.name} wallet={w} onDone={() => setOpen(false)} />
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </div>
  );
}
