// What the tests do on chain from Node with @solana/kit and the generated clients.
import {
  address,
  airdropFactory,
  appendTransactionMessageInstructions,
  createSolanaRpc,
  createSolanaRpcSubscriptions,
  createTransactionMessage,
  getAddressDecoder,
  getSignatureFromTransaction,
  lamports,
  pipe,
  sendAndConfirmTransactionFactory,
  setTransactionMessageFeePayerSigner,
  setTransactionMessageLifetimeUsingBlockhash,
  signTransactionMessageWithSigners,
  type Address,
  type Instruction,
  type TransactionSigner,
} from '@solana/kit';
import {
  findAssociatedTokenPda,
  getCreateAssociatedTokenIdempotentInstruction,
  getMintToInstruction,
} from '@solana-program/token';
import { fetchReserve, getIssueAttestationInstruction } from '@sourceenergy/client/central-bank';
import { getCreateCommunityInstruction } from '@sourceenergy/client/community';
import { pda } from '../src/shared/chain/pda';

export function clients(rpcUrl: string, wsUrl: string) {
  const rpc = createSolanaRpc(rpcUrl);
  const rpcSubscriptions = createSolanaRpcSubscriptions(wsUrl);
  return { rpc, rpcSubscriptions };
}

export type Clients = ReturnType<typeof clients>;

/** Sends and confirms over the websocket (signatureSubscribe), as @solana/kit does. */
export async function sendAndConfirm(
  c: Clients,
  feePayer: TransactionSigner,
  instructions: readonly Instruction[],
): Promise<string> {
  const { value: blockhash } = await c.rpc.getLatestBlockhash({ commitment: 'confirmed' }).send();
  const message = pipe(
    createTransactionMessage({ version: 0 }),
    (m) => setTransactionMessageFeePayerSigner(feePayer, m),
    (m) => setTransactionMessageLifetimeUsingBlockhash(blockhash, m),
    (m) => appendTransactionMessageInstructions(instructions, m),
  );
  const signed = await signTransactionMessageWithSigners(message);
  await sendAndConfirmTransactionFactory(c)(signed as Parameters<ReturnType<typeof sendAndConfirmTransactionFactory>>[0], {
    commitment: 'confirmed',
  });
  return getSignatureFromTransaction(signed);
}

export async function airdrop(c: Clients, to: Address, sol = 2) {
  await airdropFactory(c)({
    recipientAddress: to,
    lamports: lamports(BigInt(sol * 1e9)),
    commitment: 'confirmed',
  });
}

/** The KYC provider attests `wallet` (random identity hash, one year). */
export async function attest(c: Clients, provider: TransactionSigner, wallet: Address, level = 2) {
  const identityHash = crypto.getRandomValues(new Uint8Array(32));
  const ix = getIssueAttestationInstruction({
    provider,
    providerRecord: await pda.kycProvider(provider.address),
    wallet,
    attestation: await pda.attestation(wallet),
    identity: await pda.identity(identityHash),
    terms: {
      level,
      jurisdiction: new TextEncoder().encode('DE'),
      expiresAt: BigInt(Math.floor(Date.now() / 1000) + 365 * 86_400),
    },
    identityHash,
  });
  return sendAndConfirm(c, provider, [ix]);
}

/** Mints `amount` collateral (base units) to the wallet's collateral account, created if missing. */
export async function fundCollateral(c: Clients, authority: TransactionSigner, wallet: Address, amount: bigint) {
  const reserve = await fetchReserve(c.rpc, await pda.reserve());
  const mint = reserve.data.collateralMint;
  const tokenProgram = reserve.data.collateralTokenProgram;
  const [ata] = await findAssociatedTokenPda({ owner: wallet, mint, tokenProgram });
  await sendAndConfirm(c, authority, [
    getCreateAssociatedTokenIdempotentInstruction({ payer: authority, ata, owner: wallet, mint, tokenProgram }),
    getMintToInstruction({ mint, token: ata, mintAuthority: authority, amount }, { programAddress: tokenProgram }),
  ]);
  return ata;
}

/** A community to invest in: the economy's first, or a new one created by the registrar. */
export async function someCommunity(c: Clients, registrar: TransactionSigner, existing?: string): Promise<Address> {
  if (existing) return address(existing);
  const id = getAddressDecoder().decode(crypto.getRandomValues(new Uint8Array(32)));
  const community = await pda.community(id);
  await sendAndConfirm(c, registrar, [
    getCreateCommunityInstruction({
      manager: registrar,
      managerRole: await pda.role('CommunityRegistrar', registrar.address),
      policy: await pda.policy(),
      community,
      currencyMint: await pda.currencyMint(),
      vault: await pda.communityVault(community),
      shareMint: await pda.shareMint(community),
      id,
      feeBps: 500,
    }),
  ]);
  return community;
}

export { address };
