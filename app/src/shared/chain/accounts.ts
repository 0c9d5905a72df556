// Generic reads of the programs' accounts through the app's RPC: every account of one type, the
// programs' clock and a token balance. What each page reads is in its feature's data-access.
import {
  getBase58Decoder,
  getBase64Encoder,
  type Address,
  type Decoder,
  type ReadonlyUint8Array,
} from '@solana/kit';
import type { AppRpc } from './rpc';

/** The all-zero key: "none" in affiliation fields. */
export const DEFAULT_ADDRESS = '11111111111111111111111111111111' as Address;

export type Decoded<T> = { address: Address; data: T };

/** Every account of one type of a program (discriminator filter), decoded; `where` adds byte
 *  filters (e.g. an address field at its offset). */
export async function programAccounts<T>(
  rpc: AppRpc,
  program: Address,
  discriminator: ReadonlyUint8Array,
  decoder: Decoder<T>,
  opts: { where?: { offset: bigint; bytes: ReadonlyUint8Array }[]; commitment?: 'confirmed' } = {},
): Promise<Decoded<T>[]> {
  const b58 = getBase58Decoder();
  const accounts = await rpc
    .getProgramAccounts(program, {
      encoding: 'base64',
      ...(opts.commitment ? { commitment: opts.commitment } : {}),
      filters: [{ offset: 0n, bytes: discriminator }, ...(opts.where ?? [])].map(({ offset, bytes }) => ({
        memcmp: { offset, bytes: b58.decode(bytes) as never, encoding: 'base58' as const },
      })),
    })
    .send();
  const b64 = getBase64Encoder();
  return accounts.map((a) => ({
    address: a.pubkey,
    data: decoder.decode(b64.encode(a.account.data[0])),
  }));
}

const CLOCK_SYSVAR = 'SysvarC1ock11111111111111111111111111111111' as Address;

/** The programs' clock: the Clock sysvar's unix_timestamp (block times may lag it on localnet). */
export async function nodeClock(rpc: AppRpc): Promise<number> {
  try {
    const { value } = await rpc.getAccountInfo(CLOCK_SYSVAR, { encoding: 'base64', commitment: 'confirmed' }).send();
    if (value) {
      const bytes = new Uint8Array(getBase64Encoder().encode(value.data[0]));
      // slot u64, epoch_start_timestamp i64, epoch u64, leader_schedule_epoch u64, unix_timestamp i64
      return Number(new DataView(bytes.buffer, bytes.byteOffset).getBigInt64(32, true));
    }
  } catch {
    // The wall clock stands in.
  }
  return Math.floor(Date.now() / 1000);
}

/** A token account's balance in base units; null when the account does not exist (yet). */
export async function tokenBalance(rpc: AppRpc, account: Address): Promise<bigint | null> {
  try {
    const { value } = await rpc.getTokenAccountBalance(account, { commitment: 'confirmed' }).send();
    return BigInt(value.amount);
  } catch {
    return null;
  }
}
