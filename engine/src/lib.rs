//! The embedded backend: every SourceEnergy program running natively inside
//! `solana-program-test` (SPL Token, Token-2022 and ATA run there as real SBF), with a clock
//! the caller can move.
#![allow(deprecated)]

use std::collections::{BTreeMap, BTreeSet};

use anchor_lang::{
    prelude::{AccountInfo, Pubkey},
    solana_program::entrypoint::ProgramResult,
};
use solana_compute_budget_interface::ComputeBudgetInstruction;
use solana_instruction::Instruction;
use solana_program_test::{processor, ProgramTest, ProgramTestContext};
use solana_sdk::{
    account::Account, clock::Clock, signature::Keypair, signer::Signer, transaction::Transaction,
};

use sourceenergy_sdk::{
    chain::{Chain, ChainError, ChainResult},
    packer::COMPUTE_UNIT_LIMIT,
};

/// Anchor 1.x `entry` ties its three arguments to one lifetime; `processor!` wants independent
/// ones. Copy and leak them (a few hundred bytes per instruction, tests and embedded use only).
/// This macro is the one place that wrapper is written.
macro_rules! native_entry {
    ($name:ident, $program:ident) => {
        fn $name(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> ProgramResult {
            let program_id: &Pubkey = Box::leak(Box::new(*program_id));
            let data: &[u8] = Box::leak(data.to_vec().into_boxed_slice());
            let accounts: &[AccountInfo] = Box::leak(accounts.to_vec().into_boxed_slice());
            $program::entry(program_id, accounts, data)
        }
    };
}
native_entry!(central_bank_entry, central_bank);
native_entry!(marketplace_entry, marketplace);
native_entry!(grid_market_entry, grid_market);
native_entry!(community_entry, community);
native_entry!(household_entry, household);
native_entry!(member_entry, member);

/// A runtime with the six programs registered natively.
pub fn program_test() -> ProgramTest {
    let mut pt = ProgramTest::default();
    pt.prefer_bpf(false);
    pt.add_program(
        "central_bank",
        central_bank::ID,
        processor!(central_bank_entry),
    );
    pt.add_program(
        "marketplace",
        marketplace::ID,
        processor!(marketplace_entry),
    );
    pt.add_program(
        "grid_market",
        grid_market::ID,
        processor!(grid_market_entry),
    );
    pt.add_program("community", community::ID, processor!(community_entry));
    pt.add_program("household", household::ID, processor!(household_entry));
    pt.add_program("member", member::ID, processor!(member_entry));
    pt
}

/// A transaction as the embedded backend (and the test fixture) submits it: paid by the
/// context's payer, a compute-budget instruction first whose limit varies with `nonce`, so a
/// repeated instruction list is still a new transaction.
pub fn signed_transaction(
    ctx: &ProgramTestContext,
    nonce: u32,
    ixs: &[Instruction],
    signers: &[&Keypair],
) -> Transaction {
    let limit = COMPUTE_UNIT_LIMIT - nonce % 100_000;
    let mut all = vec![ComputeBudgetInstruction::set_compute_unit_limit(limit)];
    all.extend_from_slice(ixs);
    let mut keys: Vec<&Keypair> = vec![&ctx.payer];
    keys.extend_from_slice(signers);
    Transaction::new_signed_with_payer(&all, Some(&ctx.payer.pubkey()), &keys, ctx.last_blockhash)
}

pub struct Embedded {
    pub ctx: ProgramTestContext,
    /// Every account a sent transaction named, and the owner it had when last seen: the
    /// embedded stand-in for `getProgramAccounts`.
    known: BTreeSet<Pubkey>,
    owners: BTreeMap<Pubkey, Pubkey>,
    nonce: u32,
    /// Transactions sent, and how many of them failed on chain.
    pub sent: u64,
    pub failed: u64,
}

impl Embedded {
    pub async fn start() -> Self {
        Embedded {
            ctx: program_test().start_with_context().await,
            known: BTreeSet::new(),
            owners: BTreeMap::new(),
            nonce: 0,
            sent: 0,
            failed: 0,
        }
    }

    /// Moves the clock `secs` forward.
    pub async fn warp(&mut self, secs: i64) -> ChainResult<()> {
        let mut clock: Clock = self
            .ctx
            .banks_client
            .get_sysvar()
            .await
            .map_err(|e| ChainError::Transport(e.to_string()))?;
        clock.unix_timestamp += secs;
        self.ctx.set_sysvar(&clock);
        Ok(())
    }

    fn transaction(&mut self, ixs: &[Instruction], signers: &[&Keypair]) -> Transaction {
        self.nonce = self.nonce.wrapping_add(1);
        signed_transaction(&self.ctx, self.nonce, ixs, signers)
    }

    /// Sends and returns the program log too.
    pub async fn send_logged(
        &mut self,
        ixs: &[Instruction],
        signers: &[&Keypair],
    ) -> ChainResult<(ChainResult<()>, Vec<String>)> {
        self.ctx.last_blockhash = self
            .ctx
            .banks_client
            .get_latest_blockhash()
            .await
            .map_err(|e| ChainError::Transport(e.to_string()))?;
        for ix in ixs {
            self.known.extend(ix.accounts.iter().map(|m| m.pubkey));
        }
        let tx = self.transaction(ixs, signers);
        let out = self
            .ctx
            .banks_client
            .process_transaction_with_metadata(tx)
            .await
            .map_err(|e| ChainError::Transport(e.to_string()))?;
        self.sent += 1;
        let logs = out.metadata.map(|m| m.log_messages).unwrap_or_default();
        let result = out.result.map_err(ChainError::Failed);
        if result.is_err() {
            self.failed += 1;
        }
        Ok((result, logs))
    }
}

impl Chain for Embedded {
    fn payer(&self) -> &Keypair {
        &self.ctx.payer
    }

    async fn send(&mut self, ixs: &[Instruction], signers: &[&Keypair]) -> ChainResult<()> {
        self.send_logged(ixs, signers).await?.0
    }

    async fn wait(&mut self, secs: i64) -> ChainResult<()> {
        self.warp(secs).await
    }

    async fn account(&mut self, key: &Pubkey) -> ChainResult<Option<Account>> {
        self.ctx
            .banks_client
            .get_account(*key)
            .await
            .map_err(|e| ChainError::Transport(e.to_string()))
    }

    async fn now(&mut self) -> ChainResult<i64> {
        let clock: Clock = self
            .ctx
            .banks_client
            .get_sysvar()
            .await
            .map_err(|e| ChainError::Transport(e.to_string()))?;
        Ok(clock.unix_timestamp)
    }

    async fn program_accounts(
        &mut self,
        program: &Pubkey,
        discriminator: &[u8],
    ) -> ChainResult<Vec<(Pubkey, Account)>> {
        // Accounts seen owned by another program stay classified; the rest are looked up.
        let candidates: Vec<Pubkey> = self
            .known
            .iter()
            .filter(|k| self.owners.get(*k).is_none_or(|o| o == program))
            .copied()
            .collect();
        let mut found = Vec::new();
        for key in candidates {
            let Some(account) = self.account(&key).await? else {
                continue;
            };
            if account.owner != anchor_lang::system_program::ID {
                self.owners.insert(key, account.owner);
            }
            if account.owner == *program && account.data.starts_with(discriminator) {
                found.push((key, account));
            }
        }
        Ok(found)
    }
}
