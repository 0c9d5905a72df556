// The member page: attestation, member account, wallet balances (live), claims, community,
// household, carbon credits and meters of the connected wallet.
import { useState } from 'react';
import type { UiWalletAccount } from '@wallet-standard/react';
import { address } from '@solana/kit';
import { FALLBACK_POLL_MS, pollInterval } from '../../../shared/query/livePolicy';
import { ConnectFirst, ReadError, WalletGate } from '../../../shared/ui/ui';
import { useNow } from '../../../shared/ui/useNow';
import { attestationStatus } from '../data-access/memberState';
import { useMemberMutation } from '../data-access/mutations';
import { useMemberLive, useMemberQuery } from '../data-access/queries';
import { AttestationSection, MemberAccountSection } from './AccountSections';
import { CarbonSection } from './CarbonSection';
import { ClaimsSection } from './ClaimsSection';
import { CommunitySection } from './CommunitySection';
import { HouseholdSection } from './HouseholdSection';
import { MetersSection } from './MetersSection';
import { WalletSection } from './WalletSection';

function Connected({ account }: { account: UiWalletAccount }) {
  const wallet = address(account.address);
  const now = useNow();
  // Creating the member account, getting currency, investing and divesting: one busy state, one error line.
  const tx = useMemberMutation(account);
  const [pollMs, setPollMs] = useState(FALLBACK_POLL_MS);
  const q = useMemberQuery(wallet, pollMs);
  // Balances update from websocket account subscriptions; polling is only the fallback.
  const live = useMemberLive(wallet, q.data);
  if (pollInterval(live) !== pollMs) setPollMs(pollInterval(live));

  if (q.isPending) return <p>Reading your accounts…</p>;
  if (q.isError) return <ReadError error={q.error} />;
  const state = q.data;
  const attested = state.attestation !== null && attestationStatus(state.attestation, now) === 'valid';

  return (
    <div className="grid gap-6 md:grid-cols-2">
      <AttestationSection attestation={state.attestation} now={now} />
      <MemberAccountSection member={state.member} wallet={wallet} attested={attested} tx={tx} />
      <WalletSection state={state} wallet={wallet} attested={attested} live={live} pollMs={pollMs} tx={tx} />
      <ClaimsSection account={account} state={state} />
      <CommunitySection state={state} wallet={wallet} tx={tx} />
      {state.member ? <HouseholdSection account={account} state={state} attested={attested} pollMs={pollMs} /> : null}
      <CarbonSection account={account} attested={attested} pollMs={pollMs} />
      {state.member ? <MetersSection wallet={wallet} member={state.memberAddress} pollMs={pollMs} /> : null}
    </div>
  );
}

export function MemberPage() {
  return (
    <WalletGate fallback={<ConnectFirst>Connect a wallet to see your attestation and member account.</ConnectFirst>}>
      {(account) => <Connected account={account} />}
    </WalletGate>
  );
}
