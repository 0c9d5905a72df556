//! Instruction builders for the L2 marketplace, from the program's own `accounts` structs.

use anchor_lang::{prelude::Pubkey, system_program, InstructionData, ToAccountMetas};
use anchor_spl::{associated_token, token_2022};
use marketplace::{accounts as acc, instruction as ix, instructions::CreatePoolArgs};
use solana_instruction::Instruction;

use crate::pda;

fn build(accounts: impl ToAccountMetas, data: impl InstructionData) -> Instruction {
    Instruction {
        program_id: marketplace::ID,
        accounts: accounts.to_account_metas(None),
        data: data.data(),
    }
}

/// One pool: a listed asset (under its token program) against the currency.
#[derive(Clone, Copy, Debug)]
pub struct PoolKeys {
    pub asset_mint: Pubkey,
    pub asset_token_program: Pubkey,
}

/// A wallet's token accounts for one pool.
#[derive(Clone, Copy, Debug)]
pub struct Holdings {
    pub owner: Pubkey,
    pub asset: Pubkey,
    pub currency: Pubkey,
}

impl PoolKeys {
    pub fn pool(&self) -> Pubkey {
        pda::pool(&self.asset_mint)
    }

    pub fn lp_mint(&self) -> Pubkey {
        pda::lp_mint(&self.pool())
    }

    /// The owner's LP associated token account (Token-2022).
    pub fn lp_account(&self, owner: &Pubkey) -> Pubkey {
        pda::associated_token(owner, &self.lp_mint(), &token_2022::ID)
    }

    pub fn asset_vault(&self) -> Pubkey {
        pda::pool_vault(&self.pool(), &self.asset_mint)
    }

    pub fn currency_vault(&self) -> Pubkey {
        pda::pool_vault(&self.pool(), &pda::currency_mint())
    }

    fn accounts(&self) -> acc::PoolAccounts {
        acc::PoolAccounts {
            pool: self.pool(),
            asset_mint: self.asset_mint,
            currency_mint: pda::currency_mint(),
            lp_mint: self.lp_mint(),
            asset_vault: self.asset_vault(),
            currency_vault: self.currency_vault(),
            asset_token_program: self.asset_token_program,
            token_program: token_2022::ID,
        }
    }

    pub fn create_pool(&self, creator: &Holdings, args: CreatePoolArgs) -> Instruction {
        let owner = creator.owner;
        build(
            acc::CreatePool {
                creator: owner,
                attestation: pda::attestation(&owner),
                policy: pda::policy(),
                listing: pda::role(
                    central_bank::state::RoleKind::ListedMarketAsset,
                    &self.asset_mint,
                ),
                asset_mint: self.asset_mint,
                currency_mint: pda::currency_mint(),
                pool: self.pool(),
                asset_vault: self.asset_vault(),
                currency_vault: self.currency_vault(),
                lp_mint: self.lp_mint(),
                creator_asset: creator.asset,
                creator_currency: creator.currency,
                creator_lp: self.lp_account(&owner),
                surplus_vault: pda::surplus_vault(),
                asset_token_program: self.asset_token_program,
                token_program: token_2022::ID,
                associated_token_program: associated_token::ID,
                system_program: system_program::ID,
            },
            ix::CreatePool { args },
        )
    }

    /// Mint `lp` LP tokens into the owner's LP account for at most the given inputs.
    pub fn deposit(&self, h: &Holdings, lp: u64, max_asset: u64, max_currency: u64) -> Instruction {
        build(
            acc::Deposit {
                owner: h.owner,
                attestation: pda::attestation(&h.owner),
                policy: pda::policy(),
                pool: self.accounts(),
                owner_asset: h.asset,
                owner_currency: h.currency,
                owner_lp: self.lp_account(&h.owner),
            },
            ix::Deposit {
                lp,
                max_asset,
                max_currency,
            },
        )
    }

    pub fn withdraw(
        &self,
        h: &Holdings,
        lp: u64,
        min_asset: u64,
        min_currency: u64,
    ) -> Instruction {
        build(
            acc::Withdraw {
                owner: h.owner,
                pool: self.accounts(),
                owner_asset: h.asset,
                owner_currency: h.currency,
                owner_lp: self.lp_account(&h.owner),
            },
            ix::Withdraw {
                lp,
                min_asset,
                min_currency,
            },
        )
    }

    /// Exact-in swap: `buy_asset` pays currency for the asset, otherwise asset for currency.
    pub fn swap(
        &self,
        h: &Holdings,
        buy_asset: bool,
        amount_in: u64,
        minimum_out: u64,
    ) -> Instruction {
        build(
            acc::Swap {
                owner: h.owner,
                attestation: pda::attestation(&h.owner),
                policy: pda::policy(),
                trader: pda::trader(&h.owner),
                pool: self.accounts(),
                owner_asset: h.asset,
                owner_currency: h.currency,
                surplus_vault: pda::surplus_vault(),
            },
            ix::Swap {
                buy_asset,
                amount_in,
                minimum_out,
            },
        )
    }
}

pub fn open_trader(wallet: Pubkey) -> Instruction {
    build(
        acc::OpenTrader {
            wallet,
            trader: pda::trader(&wallet),
            system_program: system_program::ID,
        },
        ix::OpenTrader {},
    )
}
