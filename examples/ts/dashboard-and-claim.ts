// Reads the dashboard's headline numbers from the chain, then has one member claim its meter
// revenue, with @sourceenergy/client and @solana/kit. From the repository's root, against a node
// started with `sourceenergy localnet --economy --out .sourceenergy`:
//   npm start -w @sourceenergy/examples -- .sourceenergy/keys/member-0.json [rpc-url]
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  address, appendTransactionMessageInstructions, createKeyPairSignerFromBytes, createSolanaRpc,
  createTransactionMessage, fetchEncodedAccount, getBase64EncodedWireTransaction, getI64Decoder,
  pipe, setTransactionMessageFeePayerSigner, setTransactionMessageLifetimeUsingBlockhash,
  signTransactionMessageWithSigners, type Address, type Instruction, type KeyPairSigner,
} from '@solana/kit';
import { findAssociatedTokenPda } from '@solana-program/token';
import { centralBank, describeError, fmtAmount, gridMarket, member } from '@sourceenergy/client';

const [keypairArg, rpcUrl = 'http://127.0.0.1:8899'] = process.argv.slice(2);
if (!keypairArg) throw new Error('usage: dashboard-and-claim <member keypair.json> [rpc url]');
const rpc = createSolanaRpc(rpcUrl);
const TOKEN_2022 = address('TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb'); // the currency's token program
const pdaOf = async (found: Promise<readonly [Address, number]>) => (await found)[0];

// The dashboard. Epochs run back to back from the market's genesis, so the current one follows
// from the programs' clock: the Clock sysvar's unix_timestamp, 32 bytes in.
const market = (await gridMarket.fetchMarket(rpc, await pdaOf(gridMarket.findMarketPda()))).data;
const clock = await fetchEncodedAccount(rpc, address('SysvarC1ock11111111111111111111111111111111'));
if (!clock.exists) throw new Error('the node has no Clock sysvar');
const now = getI64Decoder().decode(clock.data, 32);
const current = (now - market.genesis) / BigInt(market.epochLengthSecs);
console.log(`Current epoch: #${current}`);
// The price revenue is paid at: the clearing price of the last settled epoch (of the last 48).
for (let index = current - 1n; index >= 0n && index >= current - 48n; index--) {
  const epoch = await gridMarket.fetchMaybeEpoch(rpc, await pdaOf(gridMarket.findEpochPda({ index })));
  if (!epoch.exists || epoch.data.status !== gridMarket.EpochStatus.Settled) continue;
  // Prices are currency base units per kWh; the currency has 6 decimals.
  console.log(`Clearing price: ${fmtAmount(epoch.data.clearingPrice)} currency/kWh (epoch #${index})`);
  break;
}
const reserve = (await centralBank.fetchReserve(rpc, await pdaOf(centralBank.findReservePda()))).data;
console.log(`Reserve: collateral held ${fmtAmount(reserve.collateralHeld)} currency, issued without collateral ${fmtAmount(reserve.issuedOutstanding)}`);

// The member, from its keypair file. `npm start -w` runs this script in examples/ts; npm keeps the
// directory it was started from in INIT_CWD, which a relative path is taken from.
const keypairPath = resolve(process.env.INIT_CWD ?? process.cwd(), keypairArg);
const wallet = await createKeyPairSignerFromBytes(Uint8Array.from(JSON.parse(await readFile(keypairPath, 'utf8'))));
const currencyMint = await pdaOf(centralBank.findCurrencyMintPda());
const currencyAccount = await pdaOf(findAssociatedTokenPda({ owner: wallet.address, mint: currencyMint, tokenProgram: TOKEN_2022 }));
const balance = async () => BigInt((await rpc.getTokenAccountBalance(currencyAccount, { commitment: 'confirmed' }).send()).value.amount);
const before = await balance();
console.log(`Member ${wallet.address}: currency balance ${fmtAmount(before)}`);

// Meter revenue is booked per epoch on the contributor record of the member account (the meter's
// owner). A contribution can be claimed once its epoch is settled (the offtaker has paid).
const memberAccount = await pdaOf(member.findMemberPda({ wallet: wallet.address }));
const contributor = await gridMarket.fetchMaybeContributor(rpc, await pdaOf(gridMarket.findContributorPda({ owner: memberAccount })));
const unclaimed = contributor.exists ? contributor.data.open.filter((c) => c.epochPlusOne > 0n && !c.claimed) : [];
for (const { epochPlusOne } of unclaimed) {
  const index = epochPlusOne - 1n;
  const epoch = await gridMarket.fetchEpoch(rpc, await pdaOf(gridMarket.findEpochPda({ index })));
  if (epoch.data.status !== gridMarket.EpochStatus.Settled) continue;
  const ix = await member.getClaimRevenueInstructionAsync({
    wallet,
    attestation: await pdaOf(centralBank.findAttestationPda({ wallet: wallet.address })),
    policy: await pdaOf(centralBank.findPolicyPda()),
    currencyMint,
    walletCurrency: currencyAccount,
    contributor: contributor.address,
    market: await pdaOf(gridMarket.findMarketPda()),
    epoch: epoch.address,
    revenueVault: market.revenueVault,
  });
  try {
    await send(wallet, ix);
    console.log(`Claimed the revenue of epoch #${index}`);
  } catch (e) {
    // A refusal (a claim past its deadline, say) reads "program: ErrorName" and the IDL's message.
    const d = describeError(e, [ix]);
    console.log(`Epoch #${index} not claimed: ${d.title}: ${d.message}`);
  }
}
const after = await balance();
console.log(`Currency balance: ${fmtAmount(before)} -> ${fmtAmount(after)} (claimed ${fmtAmount(after - before)})`);

/** Signs, sends (the node simulates first and refuses a failing transaction) and waits until confirmed. */
async function send(signer: KeyPairSigner, ix: Instruction) {
  const { value: blockhash } = await rpc.getLatestBlockhash({ commitment: 'confirmed' }).send();
  const tx = await signTransactionMessageWithSigners(pipe(
    createTransactionMessage({ version: 0 }),
    (m) => setTransactionMessageFeePayerSigner(signer, m),
    (m) => setTransactionMessageLifetimeUsingBlockhash(blockhash, m),
    (m) => appendTransactionMessageInstructions([ix], m),
  ));
  const signature = await rpc.sendTransaction(getBase64EncodedWireTransaction(tx), { encoding: 'base64', preflightCommitment: 'confirmed' }).send();
  for (;;) {
    const { value: [status] } = await rpc.getSignatureStatuses([signature]).send();
    if (status?.err) throw new Error(`${signature} failed: ${JSON.stringify(status.err)}`);
    if (status?.confirmationStatus === 'confirmed' || status?.confirmationStatus === 'finalized') return;
    await new Promise((r) => setTimeout(r, 300));
  }
}
