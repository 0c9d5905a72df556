//! Instruction builders for the community program, from the program's own `accounts` structs.
//! Every builder is a method of [`CommunityKeys`]: a wallet's own position (deposit, withdraw,
//! share tokens, rewards), the manager's actions, readings and revenue cranks. A member account
//! or household trust acts on its position through the member or household builders instead.
//! Amounts are currency base units, credits Wh.
//!
//! ```rust
//! use anchor_lang::prelude::Pubkey;
//! use sourceenergy_sdk::{community::CommunityKeys, pda};
//!
//! let fund = CommunityKeys { id: Pubkey::new_unique() };
//! let owner = Pubkey::new_unique();
//! let owner_currency = Pubkey::new_unique();
//! // Deposit 25 currency for shares at the fund's value.
//! let ix = fund.deposit(owner, owner_currency, 25_000_000);
//!
//! assert_eq!(ix.program_id, community::ID);
//! // owner, funder, attestation, policy, community, position, currency mint, vault, source,
//! // token program
//! assert_eq!(ix.accounts.len(), 10);
//! // The wallet signs as the position's owner and as the funder paying from its account.
//! assert_eq!(ix.accounts[0].pubkey, owner);
//! assert_eq!(ix.accounts[1].pubkey, owner);
//! assert!(ix.accounts[0].is_signer && ix.accounts[1].is_signer);
//! assert_eq!(ix.accounts[4].pubkey, pda::community(&fund.id));
//! assert_eq!(ix.accounts[5].pubkey, pda::position(&fund.community(), &owner));
//! assert_eq!(ix.accounts[7].pubkey, fund.vault());
//! assert_eq!(ix.accounts[8].pubkey, owner_currency);
//! ```

use anchor_lang::{prelude::Pubkey, system_program, InstructionData, ToAccountMetas};
use anchor_spl::token_2022;
use central_bank::state::RoleKind;
use community::{accounts as acc, instruction as ix, RegisterProjectArgs};
use solana_instruction::Instruction;

use crate::{grid_market::Reading, pda};

fn build(accounts: impl ToAccountMetas, data: impl InstructionData) -> Instruction {
    crate::build_ix(community::ID, accounts, data)
}

/// One community fund, by id.
#[derive(Clone, Copy, Debug)]
pub struct CommunityKeys {
    /// The id the fund was created with, the seed of its address.
    pub id: Pubkey,
}

impl CommunityKeys {
    /// The community account ([`pda::community`]).
    pub fn community(&self) -> Pubkey {
        pda::community(&self.id)
    }

    /// The fund's currency vault.
    pub fn vault(&self) -> Pubkey {
        pda::community_vault(&self.community())
    }

    /// `manager`, holding the central bank's community-registrar role, creates the fund and
    /// manages it; `fee_bps` of its grid revenue goes to the benefit fund.
    pub fn create(&self, manager: Pubkey, fee_bps: u16) -> Instruction {
        build(
            acc::CreateCommunity {
                manager,
                manager_role: pda::role(RoleKind::CommunityRegistrar, &manager),
                policy: pda::policy(),
                community: self.community(),
                currency_mint: pda::currency_mint(),
                vault: self.vault(),
                share_mint: self.share_mint(),
                token_program: token_2022::ID,
                system_program: system_program::ID,
            },
            ix::CreateCommunity {
                id: self.id,
                fee_bps,
            },
        )
    }

    /// The mint of the fund's share tokens.
    pub fn share_mint(&self) -> Pubkey {
        pda::share_mint(&self.community())
    }

    /// `owner`'s position: a wallet, household trust or member account.
    pub fn position(&self, owner: &Pubkey) -> Pubkey {
        pda::position(&self.community(), owner)
    }

    /// Opens a position for a wallet that pays its own rent (checked against its attestation).
    pub fn open_position(&self, owner: Pubkey) -> Instruction {
        build(
            acc::OpenPosition {
                payer: owner,
                owner,
                attestation: Some(pda::attestation(&owner)),
                policy: Some(pda::policy()),
                community: self.community(),
                position: self.position(&owner),
                system_program: system_program::ID,
            },
            ix::OpenPosition {},
        )
    }

    /// A wallet deposits from its own currency account (checked against its attestation).
    pub fn deposit(&self, owner: Pubkey, owner_currency: Pubkey, amount: u64) -> Instruction {
        build(
            acc::DepositToPosition {
                owner,
                funder: owner,
                attestation: Some(pda::attestation(&owner)),
                policy: pda::policy(),
                community: self.community(),
                position: self.position(&owner),
                currency_mint: pda::currency_mint(),
                vault: self.vault(),
                source: owner_currency,
                token_program: token_2022::ID,
            },
            ix::Deposit { amount },
        )
    }

    /// A wallet's position paying into `destination` (a currency account the wallet owns).
    fn redeem(&self, owner: Pubkey, destination: Pubkey) -> acc::PayFromPosition {
        acc::PayFromPosition {
            owner,
            attestation: Some(pda::attestation(&owner)),
            policy: Some(pda::policy()),
            community: self.community(),
            position: self.position(&owner),
            currency_mint: pda::currency_mint(),
            vault: self.vault(),
            destination,
            token_program: token_2022::ID,
        }
    }

    /// The wallet `owner` redeems `shares` at the fund's value into `destination`, a currency
    /// account it owns.
    pub fn withdraw(&self, owner: Pubkey, destination: Pubkey, shares: u64) -> Instruction {
        build(self.redeem(owner, destination), ix::Withdraw { shares })
    }

    /// The wallet `owner` claims its streamed revenue rewards into `destination`, a currency
    /// account it owns.
    pub fn claim_rewards(&self, owner: Pubkey, destination: Pubkey) -> Instruction {
        build(self.redeem(owner, destination), ix::ClaimRewards {})
    }

    fn share_tokens(&self, owner: Pubkey, tokens: Pubkey) -> acc::ShareTokens {
        acc::ShareTokens {
            owner,
            attestation: Some(pda::attestation(&owner)),
            policy: Some(pda::policy()),
            community: self.community(),
            position: self.position(&owner),
            share_mint: self.share_mint(),
            tokens,
            token_program: token_2022::ID,
        }
    }

    /// Moves `shares` out of the owner's position into share tokens in `tokens`.
    pub fn tokenize(&self, owner: Pubkey, tokens: Pubkey, shares: u64) -> Instruction {
        build(self.share_tokens(owner, tokens), ix::Tokenize { shares })
    }

    /// Burns share tokens from `tokens` and stakes them back into the owner's position.
    pub fn stake(&self, owner: Pubkey, tokens: Pubkey, shares: u64) -> Instruction {
        build(self.share_tokens(owner, tokens), ix::Stake { shares })
    }

    /// The manager registers a renewable project (`args`: id, capacity in W, budget in currency
    /// base units) on the community-owned meter `meter_id`; its funding goes to the builder's
    /// currency account `payee`.
    pub fn register_project(
        &self,
        manager: Pubkey,
        meter_id: Pubkey,
        payee: Pubkey,
        args: RegisterProjectArgs,
    ) -> Instruction {
        build(
            acc::RegisterProject {
                manager,
                community: self.community(),
                meter: pda::meter(&meter_id),
                currency_mint: pda::currency_mint(),
                payee,
                project: pda::project(&self.community(), &args.project_id),
                system_program: system_program::ID,
            },
            ix::RegisterProject { args },
        )
    }

    /// The manager pays `amount` currency base units of the fund's liquid currency to project
    /// `project_id`'s currency account `payee`, up to the project's budget.
    pub fn fund_project(
        &self,
        manager: Pubkey,
        project_id: Pubkey,
        payee: Pubkey,
        amount: u64,
    ) -> Instruction {
        build(
            acc::FundProject {
                manager,
                community: self.community(),
                project: pda::project(&self.community(), &project_id),
                currency_mint: pda::currency_mint(),
                vault: self.vault(),
                payee,
                token_program: token_2022::ID,
            },
            ix::FundProject { amount },
        )
    }

    /// The manager pays `amount` currency out of the benefit fund to `recipient`.
    pub fn spend_benefit_fund(
        &self,
        manager: Pubkey,
        recipient: Pubkey,
        amount: u64,
    ) -> Instruction {
        build(
            acc::SpendBenefitFund {
                manager,
                manager_role: pda::role(RoleKind::CommunityRegistrar, &manager),
                community: self.community(),
                currency_mint: pda::currency_mint(),
                vault: self.vault(),
                recipient,
                token_program: token_2022::ID,
            },
            ix::SpendBenefitFund { amount },
        )
    }

    /// The community's energy credit account (its associated token account).
    pub fn credits(&self) -> Pubkey {
        pda::associated_token(
            &self.community(),
            &pda::energy_credit_mint(),
            &token_2022::ID,
        )
    }

    /// The manager moves `amount` energy credits (Wh) from the community's credit account to
    /// `destination`.
    pub fn transfer_credits(
        &self,
        manager: Pubkey,
        destination: Pubkey,
        amount: u64,
    ) -> Instruction {
        build(
            acc::TransferCredits {
                manager,
                manager_role: pda::role(RoleKind::CommunityRegistrar, &manager),
                community: self.community(),
                energy_credit_mint: pda::energy_credit_mint(),
                credits: self.credits(),
                destination,
                token_program: token_2022::ID,
            },
            ix::TransferCredits { amount },
        )
    }

    /// A reading of the community's own meter, carried up through it to grid_market.
    pub fn record_reading(&self, reading: &Reading, cumulative_wh: u64) -> Instruction {
        let g = reading.accounts();
        build(
            acc::RecordCommunityReading {
                oracle: g.oracle,
                oracle_role: g.oracle_role,
                reporter: g.oracle,
                reporter_position: None,
                policy: pda::policy(),
                // The community's own meter: no wallet to attest.
                attestation: None,
                community: self.community(),
                market: g.market,
                meter: g.meter,
                epoch: g.epoch,
                contributor: g.contributor,
                energy_credit_mint: g.energy_credit_mint,
                owner_credits: g.owner_credits,
                token_program: g.token_program,
                system_program: g.system_program,
                grid_market_program: grid_market::ID,
            },
            ix::RecordReading { cumulative_wh },
        )
    }

    /// Permissionless, once grid_market epoch `epoch` is closed: book the community's revenue of
    /// it, which starts streaming to staked shares at once.
    pub fn book_revenue(&self, epoch: u64) -> Instruction {
        build(
            acc::BookRevenue {
                community: self.community(),
                contributor: pda::contributor(&self.community()),
                epoch: pda::epoch(epoch),
            },
            ix::BookRevenue {},
        )
    }

    /// Permissionless: claim the community's revenue of settled grid_market epoch `epoch` (received
    /// against what was booked, or split and streamed now if it never was).
    pub fn claim_grid_revenue(&self, epoch: u64) -> Instruction {
        build(
            acc::ClaimCommunityGridRevenue {
                community: self.community(),
                vault: self.vault(),
                contributor: pda::contributor(&self.community()),
                market: pda::market(),
                epoch: pda::epoch(epoch),
                currency_mint: pda::currency_mint(),
                revenue_vault: pda::revenue_vault(),
                token_program: token_2022::ID,
                grid_market_program: grid_market::ID,
            },
            ix::ClaimGridRevenue {},
        )
    }
}
