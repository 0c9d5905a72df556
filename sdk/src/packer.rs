//! Packs instructions into as few transactions as fit the 1,232-byte packet, each led by a
//! compute-budget instruction. Order is kept; an instruction never splits.

use anchor_lang::prelude::Pubkey;
use solana_compute_budget_interface::ComputeBudgetInstruction;
use solana_instruction::Instruction;
use solana_sdk::{hash::Hash, message::Message, transaction::Transaction};

/// An instruction too large for any transaction, with its program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooLarge {
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
/// Compute units requested per packed transaction (the per-transaction maximum: native
/// programs are not metered here, so no per-instruction estimate has been measured).
pub const COMPUTE_UNIT_LIMIT: u32 = 1_400_000;

pub fn compute_budget() -> Instruction {
    ComputeBudgetInstruction::set_compute_unit_limit(COMPUTE_UNIT_LIMIT)
}

/// Serialized size of a transaction carrying `ixs` (after the compute-budget instruction),
/// paid by `payer`, with every required signature.
pub fn wire_size(ixs: &[Instruction], payer: &Pubkey) -> usize {
    let mut all = vec![compute_budget()];
    all.extend_from_slice(ixs);
    let message = Message::new_with_blockhash(&all, Some(payer), &Hash::default());
    let tx = Transaction::new_unsigned(message);
    bincode::serialized_size(&tx).map_or(usize::MAX, |n| n as usize)
}

/// Greedy packing: each transaction takes instructions in order while it still fits.
pub fn pack(ixs: Vec<Instruction>, payer: &Pubkey) -> Result<Vec<Vec<Instruction>>, TooLarge> {
    let mut batches: Vec<Vec<Instruction>> = Vec::new();
    let mut current: Vec<Instruction> = Vec::new();
    for ix in ixs {
        current.push(ix);
        if wire_size(&current, payer) <= PACKET_DATA_SIZE {
            continue;
        }
        let ix = current.pop().expect("just pushed");
        let program_id = ix.program_id;
        if current.is_empty() {
            return Err(TooLarge { program_id });
        }
        batches.push(std::mem::replace(&mut current, vec![ix]));
        if wire_size(&current, payer) > PACKET_DATA_SIZE {
            return Err(TooLarge { program_id });
        }
    }
    if !current.is_empty() {
        batches.push(current);
    }
    Ok(batches)
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
