//! Packs instructions into as few transactions as fit the 1,232-byte packet, each led by the
//! two compute-budget instructions (unit limit and unit price). Order is kept; an instruction
//! never splits.

use anchor_lang::prelude::Pubkey;
use solana_compute_budget_interface::ComputeBudgetInstruction;
use solana_instruction::Instruction;
use std::collections::{HashMap, HashSet};

use solana_sdk::{
    hash::Hash, message::Message, signature::Keypair, signer::Signer, transaction::Transaction,
};

/// An instruction too large for any transaction, with its program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooLarge {
    /// The program whose instruction does not fit.
    pub program_id: Pubkey,
}

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "an instruction of program {} does not fit one transaction",
            self.program_id
        )
    }
}

impl std::error::Error for TooLarge {}

/// The wire limit of one transaction.
pub const PACKET_DATA_SIZE: usize = solana_packet::PACKET_DATA_SIZE;
/// The per-transaction maximum of compute units: what a transaction asks for before a
/// simulation has measured it ([`crate::rpc::RpcChain`] then asks for what it used plus a
/// margin).
pub const COMPUTE_UNIT_LIMIT: u32 = 1_400_000;

/// The compute-budget instructions leading every packed transaction: a limit of `units` and a
/// priority fee of `micro_lamports` per unit. Both are always there (the price may be 0), so
/// a transaction's size does not depend on the fee the cluster asks for when it is sent.
pub fn compute_budget(units: u32, micro_lamports: u64) -> [Instruction; 2] {
    [
        ComputeBudgetInstruction::set_compute_unit_limit(units),
        ComputeBudgetInstruction::set_compute_unit_price(micro_lamports),
    ]
}

/// Serialized size of a transaction carrying `ixs` (after the compute-budget instructions),
/// paid by `payer`, with every required signature.
pub fn wire_size(ixs: &[Instruction], payer: &Pubkey) -> usize {
    let mut all = compute_budget(COMPUTE_UNIT_LIMIT, 0).to_vec();
    all.extend_from_slice(ixs);
    let message = Message::new_with_blockhash(&all, Some(payer), &Hash::default());
    let tx = Transaction::new_unsigned(message);
    bincode::serialized_size(&tx).map_or(usize::MAX, |n| n as usize)
}

/// The keypairs among `signers` that `batch` needs (its instructions' signer accounts), in
/// the order they first appear; `by_key` indexes `signers` by address, built once per call
/// (a simulator's batch may carry thousands of members' keys).
pub fn needed_signers<'a>(
    batch: &[Instruction],
    by_key: &HashMap<Pubkey, &'a Keypair>,
) -> Vec<&'a Keypair> {
    let mut needed: Vec<&'a Keypair> = Vec::new();
    for meta in batch.iter().flat_map(|ix| &ix.accounts) {
        if let Some(&key) = by_key.get(&meta.pubkey).filter(|_| meta.is_signer) {
            if !needed.iter().any(|k| std::ptr::eq(*k, key)) {
                needed.push(key);
            }
        }
    }
    needed
}

/// `signers` by address.
pub fn index_signers<'a>(signers: &[&'a Keypair]) -> HashMap<Pubkey, &'a Keypair> {
    signers.iter().map(|k| (k.pubkey(), *k)).collect()
}

/// Greedy packing: each transaction takes instructions in order while it still fits.
pub fn pack(ixs: Vec<Instruction>, payer: &Pubkey) -> Result<Vec<Vec<Instruction>>, TooLarge> {
    let mut batches: Vec<Vec<Instruction>> = Vec::new();
    let mut current: Vec<Instruction> = Vec::new();
    let mut size = Size::new(payer);
    for ix in ixs {
        if size.with(&ix) <= PACKET_DATA_SIZE {
            size.add(&ix);
            current.push(ix);
            continue;
        }
        let program_id = ix.program_id;
        if current.is_empty() {
            return Err(TooLarge { program_id });
        }
        size = Size::new(payer);
        if size.with(&ix) > PACKET_DATA_SIZE {
            return Err(TooLarge { program_id });
        }
        size.add(&ix);
        batches.push(std::mem::replace(&mut current, vec![ix]));
    }
    if !current.is_empty() {
        batches.push(current);
    }
    Ok(batches)
}

/// `wire_size` of a transaction as instructions join it, counted instead of compiling a
/// message each time: signatures, header, account keys, blockhash and the compiled
/// instructions, with the wire format's compact lengths.
struct Size {
    keys: HashSet<Pubkey>,
    signers: HashSet<Pubkey>,
    instructions: usize,
    instruction_bytes: usize,
}

impl Size {
    /// The payer and the compute-budget instructions every packed transaction starts with.
    fn new(payer: &Pubkey) -> Self {
        let mut size = Size {
            keys: HashSet::from([*payer]),
            signers: HashSet::from([*payer]),
            instructions: 0,
            instruction_bytes: 0,
        };
        for ix in compute_budget(COMPUTE_UNIT_LIMIT, 0) {
            size.add(&ix);
        }
        size
    }

    /// Bytes with `ix` added.
    fn with(&self, ix: &Instruction) -> usize {
        let mut keys = Vec::new();
        let mut signers = Vec::new();
        for (key, signs) in Self::keys_of(ix) {
            if !self.keys.contains(key) && !keys.contains(key) {
                keys.push(*key);
            }
            if signs && !self.signers.contains(key) && !signers.contains(key) {
                signers.push(*key);
            }
        }
        Self::bytes(
            self.keys.len() + keys.len(),
            self.signers.len() + signers.len(),
            self.instructions + 1,
            self.instruction_bytes + Self::compiled_len(ix),
        )
    }

    fn add(&mut self, ix: &Instruction) {
        for (key, signs) in Self::keys_of(ix) {
            self.keys.insert(*key);
            if signs {
                self.signers.insert(*key);
            }
        }
        self.instructions += 1;
        self.instruction_bytes += Self::compiled_len(ix);
    }

    fn keys_of(ix: &Instruction) -> impl Iterator<Item = (&Pubkey, bool)> {
        let metas = ix.accounts.iter().map(|m| (&m.pubkey, m.is_signer));
        std::iter::once((&ix.program_id, false)).chain(metas)
    }

    /// Program index, account indexes and data, each list after its compact length.
    fn compiled_len(ix: &Instruction) -> usize {
        1 + compact_len(ix.accounts.len())
            + ix.accounts.len()
            + compact_len(ix.data.len())
            + ix.data.len()
    }

    fn bytes(keys: usize, signers: usize, instructions: usize, instruction_bytes: usize) -> usize {
        const HEADER: usize = 3;
        const BLOCKHASH: usize = 32;
        compact_len(signers)
            + 64 * signers
            + HEADER
            + compact_len(keys)
            + 32 * keys
            + BLOCKHASH
            + compact_len(instructions)
            + instruction_bytes
    }
}

/// Bytes of the wire format's compact-u16 length prefix.
fn compact_len(n: usize) -> usize {
    match n {
        0..=0x7f => 1,
        0x80..=0x3fff => 2,
        _ => 3,
    }
}

#[cfg(test)]
mod tests {
    use solana_instruction::AccountMeta;

    use super::*;

    fn ix(accounts: usize, data: usize, seed: u8) -> Instruction {
        Instruction {
            program_id: Pubkey::new_from_array([seed; 32]),
            accounts: (0..accounts)
                .map(|_| AccountMeta::new(Pubkey::new_unique(), false))
                .collect(),
            data: vec![seed; data],
        }
    }

    #[test]
    fn packs_in_order_and_every_transaction_fits() {
        let payer = Pubkey::new_unique();
        let ixs: Vec<_> = (0..40)
            .map(|i| ix(1 + i % 7, 10 + i * 3, i as u8))
            .collect();
        let batches = pack(ixs.clone(), &payer).unwrap();
        assert!(batches.len() > 1 && batches.len() < ixs.len());
        let flat: Vec<_> = batches.iter().flatten().cloned().collect();
        assert_eq!(flat, ixs, "order kept, nothing lost or repeated");
        for (k, b) in batches.iter().enumerate() {
            assert!(wire_size(b, &payer) <= PACKET_DATA_SIZE);
            // Greedy: the next instruction would not have fit.
            if let Some(next) = batches.get(k + 1) {
                let mut more = b.clone();
                more.push(next[0].clone());
                assert!(wire_size(&more, &payer) > PACKET_DATA_SIZE);
            }
        }
    }

    #[test]
    fn counted_size_is_the_compiled_wire_size() {
        let payer = Pubkey::new_unique();
        let shared: Vec<Pubkey> = (0..6).map(|_| Pubkey::new_unique()).collect();
        let mut ixs = Vec::new();
        let mut size = Size::new(&payer);
        assert_eq!(size.with(&ix(0, 0, 0)), wire_size(&[ix(0, 0, 0)], &payer));
        for i in 0..120usize {
            let mut next = ix(i % 4, (i * 37) % 200, (i % 3) as u8);
            // Keys shared across instructions, some signing, the payer among them.
            next.accounts
                .push(AccountMeta::new(shared[i % 6], i % 5 == 0));
            next.accounts
                .push(AccountMeta::new_readonly(shared[(i + 2) % 6], false));
            if i % 7 == 0 {
                next.accounts.push(AccountMeta::new(payer, true));
            }
            let counted = size.with(&next);
            ixs.push(next.clone());
            assert_eq!(
                counted,
                wire_size(&ixs, &payer),
                "after {} instructions",
                i + 1
            );
            size.add(&next);
        }
        assert!(size.keys.len() > 0x7f, "keys past one compact-length byte");
    }

    #[test]
    fn shared_accounts_pack_denser_than_distinct_ones() {
        let payer = Pubkey::new_unique();
        let shared: Vec<_> = (0..30)
            .map(|_| {
                let mut i = ix(0, 8, 1);
                i.accounts = (0..10)
                    .map(|k| AccountMeta::new(Pubkey::new_from_array([k + 10; 32]), false))
                    .collect();
                i
            })
            .collect();
        let distinct: Vec<_> = (0..30).map(|_| ix(10, 8, 1)).collect();
        let a = pack(shared, &payer).unwrap().len();
        let b = pack(distinct, &payer).unwrap().len();
        assert!(
            a < b,
            "{a} transactions with shared accounts vs {b} without"
        );
    }

    #[test]
    fn an_instruction_too_large_for_any_transaction_is_an_error() {
        let payer = Pubkey::new_unique();
        assert!(pack(vec![ix(2, 1_300, 1)], &payer).is_err());
        assert!(pack(vec![ix(1, 10, 2), ix(40, 10, 3)], &payer).is_err());
        assert_eq!(pack(vec![], &payer).unwrap().len(), 0);
    }
}
