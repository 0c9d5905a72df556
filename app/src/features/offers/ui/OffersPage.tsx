// Escrowed offers between energy credits and the currency: make, take, cancel.
import type { UiWalletAccount } from '@wallet-standard/react';
import { address } from '@solana/kit';
import { ConnectFirst, ReadError, WalletGate } from '../../../shared/ui/ui';
import { useOffersMutation } from '../data-access/mutations';
import { useOffersQuery } from '../data-access/queries';
import { MakeOfferForm } from './MakeOfferForm';
import { OfferList } from './OfferList';

function Offers({ account }: { account: UiWalletAccount }) {
  const wallet = address(account.address);
  // Making, taking and cancelling share one busy state and one error line.
  const tx = useOffersMutation(account);
  const q = useOffersQuery(wallet);
  if (q.isPending) return <p>Reading offers…</p>;
  if (q.isError) return <ReadError error={q.error} />;
  const s = q.data;
  if (!s.energyMint) return <div className="card">No grid market on this cluster yet.</div>;
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <MakeOfferForm s={s} energyMint={s.energyMint} wallet={wallet} tx={tx} />
      <OfferList s={s} energyMint={s.energyMint} wallet={wallet} tx={tx} />
    </div>
  );
}

export function OffersPage() {
  return (
    <WalletGate fallback={<ConnectFirst>Connect a wallet to see and make offers.</ConnectFirst>}>
      {(account) => <Offers account={account} />}
    </WalletGate>
  );
}
