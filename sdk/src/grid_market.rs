//! Instruction builders for the grid market, from the program's own `accounts` structs: meters,
//! readings ([`Reading`]), the epoch cycle (open, grid prices, close, settle, claim, sweep).
//! Energy is in Wh, prices in currency base units per kWh, amounts in currency base units.
//!
//! ```rust
//! use anchor_lang::prelude::Pubkey;
//! use central_bank::state::RoleKind;
//! use sourceenergy_sdk::{grid_market::settle_epoch, pda};
//!
//! let offtaker = Pubkey::new_unique();
//! let offtaker_currency = Pubkey::new_unique();
//! // The offtaker pays epoch 7's revenue, agreeing to at most 500 currency.
//! let ix = settle_epoch(offtaker, offtaker_currency, 7, 500_000_000);
//!
//! assert_eq!(ix.program_id, grid_market::ID);
//! // offtaker, its role record, policy, market, epoch, currency mint, revenue vault,
//! // token program, offtaker_currency
//! assert_eq!(ix.accounts.len(), 9);
//! assert_eq!(ix.accounts[0].pubkey, offtaker);
//! assert!(ix.accounts[0].is_signer);
//! assert_eq!(ix.accounts[1].pubkey, pda::role(RoleKind::GridOfftaker, &offtaker));
//! assert_eq!(ix.accounts[3].pubkey, pda::market());
//! assert_eq!(ix.accounts[4].pubkey, pda::epoch(7));
//! assert_eq!(ix.accounts[6].pubkey, pda::revenue_vault());
//! assert_eq!(ix.accounts[8].pubkey, offtaker_currency);
//! ```

use anchor_lang::{prelude::Pubkey, system_program, InstructionData, ToAccountMetas};
use anchor_spl::token_2022;
use central_bank::state::RoleKind;
use grid_market::{accounts as acc, instruction as ix, instructions::RegisterMeterArgs};
use solana_instruction::Instruction;

use crate::pda;

fn build(accounts: impl ToAccountMetas, data: impl InstructionData) -> Instruction {
    crate::build_ix(grid_market::ID, accounts, data)
}

/// The one-time initialisation, signed by the program's upgrade `authority` (the deployer).
pub fn init_market(payer: Pubkey, authority: Pubkey) -> Instruction {
    build(
        acc::InitMarket {
            payer,
            authority,
            program_data: pda::program_data(&grid_market::ID),
            policy: pda::policy(),
            market: pda::market(),
            energy_credit_mint: pda::energy_credit_mint(),
            currency_mint: pda::currency_mint(),
            revenue_vault: pda::revenue_vault(),
            token_program: token_2022::ID,
            system_program: system_program::ID,
        },
        ix::InitMarket {},
    )
}

/// `registrar`, holding the central bank's meter-registrar role, registers the meter `args`
/// describe (owner, credit recipient, capacity in W, oracle).
pub fn register_meter(registrar: Pubkey, args: RegisterMeterArgs) -> Instruction {
    build(
        acc::RegisterMeter {
            registrar,
            registrar_role: pda::role(RoleKind::MeterRegistrar, &registrar),
            meter: pda::meter(&args.meter_id),
            system_program: system_program::ID,
        },
        ix::RegisterMeter { args },
    )
}

/// Permissionless: opens epoch `index`, the one containing now; `payer` pays the rent.
pub fn open_epoch(payer: Pubkey, index: u64) -> Instruction {
    build(
        acc::OpenEpoch {
            payer,
            market: pda::market(),
            epoch: pda::epoch(index),
            system_program: system_program::ID,
        },
        ix::OpenEpoch { index },
    )
}

/// Closes and prices epoch `index` (permissionless once it has ended).
pub fn close_epoch(index: u64) -> Instruction {
    build(
        acc::CloseEpoch {
            policy: pda::policy(),
            market: pda::market(),
            epoch: pda::epoch(index),
            previous_epoch: pda::epoch(index.saturating_sub(1)),
            energy_pool: pda::pool(&pda::energy_credit_mint()),
        },
        ix::CloseEpoch {},
    )
}

/// `feeder`, holding the grid-price-feeder role, submits `price` (currency base units per kWh)
/// for open epoch `index`; one submission per feeder.
pub fn submit_grid_price(feeder: Pubkey, index: u64, price: u64) -> Instruction {
    build(
        acc::SubmitGridPrice {
            feeder,
            feeder_role: pda::role(RoleKind::GridPriceFeeder, &feeder),
            epoch: pda::epoch(index),
        },
        ix::SubmitGridPrice { price },
    )
}

fn revenue(index: u64) -> acc::RevenueAccounts {
    acc::RevenueAccounts {
        market: pda::market(),
        epoch: pda::epoch(index),
        currency_mint: pda::currency_mint(),
        revenue_vault: pda::revenue_vault(),
        token_program: token_2022::ID,
    }
}

/// `offtaker`, holding the grid-offtaker role, pays closed epoch `index`'s revenue (currency base
/// units) from `offtaker_currency`; a revenue above `max_amount` is refused.
pub fn settle_epoch(
    offtaker: Pubkey,
    offtaker_currency: Pubkey,
    index: u64,
    max_amount: u64,
) -> Instruction {
    build(
        acc::SettleEpoch {
            offtaker,
            offtaker_role: pda::role(RoleKind::GridOfftaker, &offtaker),
            policy: pda::policy(),
            revenue: revenue(index),
            offtaker_currency,
        },
        ix::SettleEpoch { max_amount },
    )
}

/// `owner` (the meter owner that contributed) claims its revenue of settled epoch `index`, in
/// currency base units, into the currency account `recipient`.
pub fn claim(owner: Pubkey, index: u64, recipient: Pubkey) -> Instruction {
    build(
        acc::Claim {
            owner,
            contributor: pda::contributor(&owner),
            revenue: revenue(index),
            recipient,
        },
        ix::Claim {},
    )
}

/// Permissionless after the claim window: sends settled epoch `index`'s unclaimed revenue to the
/// reserve's surplus vault.
pub fn sweep_epoch(index: u64) -> Instruction {
    build(
        acc::SweepEpoch {
            revenue: revenue(index),
            surplus_vault: pda::surplus_vault(),
        },
        ix::SweepEpoch {},
    )
}

/// Permissionless: frees `owner`'s contributor slot of expired epoch `index`, which it never
/// claimed.
pub fn release_expired(owner: Pubkey, index: u64) -> Instruction {
    build(
        acc::ReleaseExpired {
            contributor: pda::contributor(&owner),
            epoch: pda::epoch(index),
        },
        ix::ReleaseExpired {},
    )
}

/// One meter reading: the grid_market accounts every layer carries up.
#[derive(Clone, Copy, Debug)]
pub struct Reading {
    /// The meter's oracle: it signs the reading and holds the meter-oracle role.
    pub oracle: Pubkey,
    /// The meter's id, its account's seed.
    pub meter_id: Pubkey,
    /// The meter's owner (wallet, household trust or community): its contributor and credits.
    pub owner: Pubkey,
    /// The open epoch the reading falls in.
    pub epoch: u64,
}

impl Reading {
    /// The grid_market accounts of the reading. `attestation` is the owner's: grid_market reads it
    /// for a member's meter (whose credits go to the owner's wallet); builders for a trust's or a
    /// community's own meter leave it out.
    pub fn accounts(&self) -> acc::SubmitReading {
        acc::SubmitReading {
            oracle: self.oracle,
            oracle_role: pda::role(RoleKind::MeterOracle, &self.oracle),
            policy: pda::policy(),
            attestation: Some(pda::attestation(&self.owner)),
            market: pda::market(),
            meter: pda::meter(&self.meter_id),
            epoch: pda::epoch(self.epoch),
            contributor: pda::contributor(&self.owner),
            energy_credit_mint: pda::energy_credit_mint(),
            owner_credits: pda::associated_token(
                &self.owner,
                &pda::energy_credit_mint(),
                &token_2022::ID,
            ),
            token_program: token_2022::ID,
            system_program: system_program::ID,
        }
    }
}

/// The oracle reports the meter's cumulative energy `cumulative_wh` (Wh) straight to grid_market;
/// the new energy is credited to the owner's energy credit associated token account.
pub fn submit_reading(reading: &Reading, cumulative_wh: u64) -> Instruction {
    build(reading.accounts(), ix::SubmitReading { cumulative_wh })
}
