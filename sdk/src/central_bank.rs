//! Instruction builders for the central bank. Account lists come from the program's own
//! generated `accounts` structs, so they cannot drift from the program.
//!
//! Every builder is a method of [`CentralBank`], which carries the deployment's collateral mint.
//! Amounts are base units (currency: 10⁻⁶ currency); the first key argument of a builder signs
//! unless its doc says otherwise.
//!
//! ```rust
//! use anchor_lang::prelude::Pubkey;
//! use sourceenergy_sdk::{central_bank::CentralBank, pda};
//!
//! let bank = CentralBank {
//!     collateral_mint: Pubkey::new_unique(),
//!     collateral_token_program: anchor_spl::token::ID,
//! };
//! let user = Pubkey::new_unique();
//! let (collateral, currency) = (Pubkey::new_unique(), Pubkey::new_unique());
//! // 10 collateral in for at least 9.99 currency out (the policy's `tin` fee comes off).
//! let ix = bank.mint_currency(user, collateral, currency, 10_000_000, 9_990_000);
//!
//! assert_eq!(ix.program_id, central_bank::ID);
//! assert_eq!(ix.accounts.len(), 12);
//! assert_eq!(ix.accounts[0].pubkey, user);
//! assert!(ix.accounts[0].is_signer);
//! assert_eq!(ix.accounts[1].pubkey, pda::attestation(&user));
//! assert_eq!(ix.accounts[3].pubkey, pda::reserve());
//! assert_eq!(ix.accounts[6].pubkey, collateral);
//! assert_eq!(ix.accounts[7].pubkey, currency);
//! ```

use anchor_lang::{prelude::Pubkey, system_program, InstructionData, ToAccountMetas};
use anchor_spl::token_2022;
use central_bank::{
    accounts as acc, instruction as ix,
    instructions::{AttestationTerms, InitializeArgs},
    state::{ActionClass, GovernanceAction, PolicyParams, RoleKind, ACTION_CLASS_COUNT},
};
use solana_instruction::Instruction;

use crate::pda;

const UNIT: u64 = 1_000_000;

/// A sensible starting policy (tests, the simulator, bootstrap's default): fees within
/// bounds, every KYC level 1 except reserve swaps (2), one-hour epochs, 400 g CO2 per kWh.
pub fn default_policy() -> PolicyParams {
    let mut min_kyc_level = [1u8; ACTION_CLASS_COUNT];
    min_kyc_level[ActionClass::ReserveSwap as usize] = 2;
    PolicyParams {
        savings_rate_bps: 500,
        marketplace_fee_bps: 30,
        reserve_tin_bps: 10,
        reserve_tout_bps: 20,
        price_floor: 50_000,
        price_ceiling: 500_000,
        grid_price_weight_bps: 7_000,
        min_grid_price_feeds: 2,
        emission_factor_g_per_kwh: 400,
        aml_daily_volume_limit: 10_000 * UNIT,
        aml_single_trade_limit: 1_000 * UNIT,
        min_kyc_level,
        epoch_length_secs: 3_600,
        claim_expiry_secs: 30 * 86_400,
        issuance_cap: 1_000_000 * UNIT,
        reserve_support_cap: 100_000 * UNIT,
        reserve_support_period_secs: 86_400,
        marketplace_paused: false,
    }
}

fn build(accounts: impl ToAccountMetas, data: impl InstructionData) -> Instruction {
    crate::build_ix(central_bank::ID, accounts, data)
}

/// The one deployment-specific choice of central_bank: which mint is the reserve collateral.
#[derive(Clone, Copy, Debug)]
pub struct CentralBank {
    /// The mint currency is minted against 1:1 (6 decimals, like the currency).
    pub collateral_mint: Pubkey,
    /// The collateral mint's token program (SPL Token or Token-2022).
    pub collateral_token_program: Pubkey,
}

impl CentralBank {
    /// The execute instruction matching a passed proposal's action.
    pub fn execute(&self, executor: Pubkey, index: u64, action: &GovernanceAction) -> Instruction {
        match action {
            GovernanceAction::SetPolicy { .. } => self.execute_set_policy(executor, index),
            GovernanceAction::UpdateCouncil { .. } => self.execute_update_council(executor, index),
            GovernanceAction::ApproveKycProvider { provider } => {
                self.execute_approve_kyc_provider(executor, index, *provider)
            }
            GovernanceAction::RemoveKycProvider { provider } => {
                self.execute_remove_kyc_provider(executor, index, *provider)
            }
            GovernanceAction::GrantRole { role, subject } => {
                self.execute_grant_role(executor, index, *role, *subject)
            }
            GovernanceAction::RevokeRole { role, subject } => {
                self.execute_revoke_role(executor, index, *role, *subject)
            }
            GovernanceAction::IssueCurrency { recipient, .. } => {
                self.execute_issue_currency(executor, index, *recipient)
            }
        }
    }

    /// The one-time initialisation, signed by the program's upgrade `authority` (the deployer).
    pub fn initialize(
        &self,
        payer: Pubkey,
        authority: Pubkey,
        args: InitializeArgs,
    ) -> Instruction {
        build(
            acc::Initialize {
                payer,
                authority,
                program_data: pda::program_data(&central_bank::ID),
                governance: pda::governance(),
                policy: pda::policy(),
                reserve: pda::reserve(),
                currency_mint: pda::currency_mint(),
                collateral_mint: self.collateral_mint,
                collateral_vault: pda::collateral_vault(),
                surplus_vault: pda::surplus_vault(),
                savings_vault: pda::savings_vault(),
                currency_token_program: token_2022::ID,
                collateral_token_program: self.collateral_token_program,
                system_program: system_program::ID,
            },
            ix::Initialize { args },
        )
    }

    // --- governance ---

    /// A council member proposes `action` as proposal `index`, which must be the governance
    /// record's `proposal_count`; its own approval counts at once.
    pub fn propose(&self, proposer: Pubkey, index: u64, action: GovernanceAction) -> Instruction {
        build(
            acc::Propose {
                proposer,
                governance: pda::governance(),
                policy: pda::policy(),
                proposal: pda::proposal(index),
                system_program: system_program::ID,
            },
            ix::Propose { action },
        )
    }

    /// Council `member` approves proposal `index`; the timelock starts at the threshold.
    pub fn approve(&self, member: Pubkey, index: u64) -> Instruction {
        build(
            acc::Approve {
                member,
                governance: pda::governance(),
                proposal: pda::proposal(index),
            },
            ix::Approve {},
        )
    }

    /// Council `member` cancels proposal `index`: at once if it proposed it or the proposal is
    /// dead, otherwise as a vote that takes effect at the council threshold.
    pub fn cancel(&self, member: Pubkey, index: u64) -> Instruction {
        build(
            acc::Cancel {
                member,
                governance: pda::governance(),
                proposal: pda::proposal(index),
            },
            ix::Cancel {},
        )
    }

    fn exec(executor: Pubkey, index: u64) -> acc::ExecuteProposal {
        acc::ExecuteProposal {
            executor,
            governance: pda::governance(),
            proposal: pda::proposal(index),
        }
    }

    fn savings_vaults() -> acc::SavingsVaults {
        acc::SavingsVaults {
            reserve: pda::reserve(),
            currency_mint: pda::currency_mint(),
            surplus_vault: pda::surplus_vault(),
            savings_vault: pda::savings_vault(),
            currency_token_program: token_2022::ID,
        }
    }

    /// Council member `executor` applies passed proposal `index`, a `SetPolicy`, once its
    /// timelock has run (savings accrue at the old rate first).
    pub fn execute_set_policy(&self, executor: Pubkey, index: u64) -> Instruction {
        build(
            acc::ExecuteSetPolicy {
                exec: Self::exec(executor, index),
                policy: pda::policy(),
                savings: Self::savings_vaults(),
            },
            ix::ExecuteSetPolicy {},
        )
    }

    /// Council member `executor` applies passed proposal `index`, an `UpdateCouncil`; other
    /// pending proposals go stale.
    pub fn execute_update_council(&self, executor: Pubkey, index: u64) -> Instruction {
        build(
            acc::ExecuteUpdateCouncil {
                exec: Self::exec(executor, index),
            },
            ix::ExecuteUpdateCouncil {},
        )
    }

    /// Council member `executor` applies passed proposal `index`, approving KYC `provider` (its
    /// signing key, as in the proposal).
    pub fn execute_approve_kyc_provider(
        &self,
        executor: Pubkey,
        index: u64,
        provider: Pubkey,
    ) -> Instruction {
        build(
            acc::ExecuteApproveKycProvider {
                exec: Self::exec(executor, index),
                provider_record: pda::kyc_provider(&provider),
                system_program: system_program::ID,
            },
            ix::ExecuteApproveKycProvider { provider },
        )
    }

    /// Council member `executor` applies passed proposal `index`, removing KYC `provider`; its
    /// attestations stay valid until they expire.
    pub fn execute_remove_kyc_provider(
        &self,
        executor: Pubkey,
        index: u64,
        provider: Pubkey,
    ) -> Instruction {
        build(
            acc::ExecuteRemoveKycProvider {
                exec: Self::exec(executor, index),
                provider_record: pda::kyc_provider(&provider),
            },
            ix::ExecuteRemoveKycProvider {},
        )
    }

    /// Council member `executor` applies passed proposal `index`, granting `role` to `subject`
    /// (both repeated from the proposal: they are the role record's seeds).
    pub fn execute_grant_role(
        &self,
        executor: Pubkey,
        index: u64,
        role: RoleKind,
        subject: Pubkey,
    ) -> Instruction {
        build(
            acc::ExecuteGrantRole {
                exec: Self::exec(executor, index),
                role_record: pda::role(role, &subject),
                system_program: system_program::ID,
            },
            ix::ExecuteGrantRole { role, subject },
        )
    }

    /// Council member `executor` applies passed proposal `index`, revoking `role` from `subject`.
    pub fn execute_revoke_role(
        &self,
        executor: Pubkey,
        index: u64,
        role: RoleKind,
        subject: Pubkey,
    ) -> Instruction {
        build(
            acc::ExecuteRevokeRole {
                exec: Self::exec(executor, index),
                role_record: pda::role(role, &subject),
            },
            ix::ExecuteRevokeRole {},
        )
    }

    /// Council member `executor` applies passed proposal `index`, minting the proposal's amount
    /// of unbacked currency into the currency token account `recipient`, within the issuance cap.
    pub fn execute_issue_currency(
        &self,
        executor: Pubkey,
        index: u64,
        recipient: Pubkey,
    ) -> Instruction {
        build(
            acc::ExecuteIssueCurrency {
                exec: Self::exec(executor, index),
                policy: pda::policy(),
                reserve: pda::reserve(),
                currency_mint: pda::currency_mint(),
                recipient,
                currency_token_program: token_2022::ID,
            },
            ix::ExecuteIssueCurrency {},
        )
    }

    // --- reserve swap ---

    fn reserve_swap(
        &self,
        user: Pubkey,
        user_collateral: Pubkey,
        user_currency: Pubkey,
    ) -> acc::ReserveSwap {
        acc::ReserveSwap {
            user,
            attestation: pda::attestation(&user),
            policy: pda::policy(),
            reserve: pda::reserve(),
            currency_mint: pda::currency_mint(),
            collateral_mint: self.collateral_mint,
            user_collateral,
            user_currency,
            collateral_vault: pda::collateral_vault(),
            surplus_vault: pda::surplus_vault(),
            currency_token_program: token_2022::ID,
            collateral_token_program: self.collateral_token_program,
        }
    }

    /// The attested `user` pays `amount` collateral base units from `user_collateral` and receives
    /// as many currency base units, less the policy's `tin` fee, in `user_currency`; fails below
    /// `min_out`.
    pub fn mint_currency(
        &self,
        user: Pubkey,
        user_collateral: Pubkey,
        user_currency: Pubkey,
        amount: u64,
        min_out: u64,
    ) -> Instruction {
        build(
            self.reserve_swap(user, user_collateral, user_currency),
            ix::MintCurrency { amount, min_out },
        )
    }

    /// The attested `user` pays `amount` currency base units from `user_currency` and receives as
    /// many collateral base units, less the policy's `tout` fee, in `user_collateral`; fails below
    /// `min_out`.
    pub fn redeem_currency(
        &self,
        user: Pubkey,
        user_collateral: Pubkey,
        user_currency: Pubkey,
        amount: u64,
        min_out: u64,
    ) -> Instruction {
        build(
            self.reserve_swap(user, user_collateral, user_currency),
            ix::RedeemCurrency { amount, min_out },
        )
    }

    // --- savings ---

    /// `owner` opens its savings position, paying the rent.
    pub fn open_savings(&self, owner: Pubkey) -> Instruction {
        build(
            acc::OpenSavings {
                owner,
                position: pda::savings_position(&owner),
                system_program: system_program::ID,
            },
            ix::OpenSavings {},
        )
    }

    /// `owner` closes its empty savings position and gets the rent back.
    pub fn close_savings(&self, owner: Pubkey) -> Instruction {
        build(
            acc::CloseSavings {
                owner,
                position: pda::savings_position(&owner),
            },
            ix::CloseSavings {},
        )
    }

    fn move_savings(owner: Pubkey, owner_currency: Pubkey) -> acc::MoveSavings {
        acc::MoveSavings {
            owner,
            attestation: pda::attestation(&owner),
            policy: pda::policy(),
            position: pda::savings_position(&owner),
            owner_currency,
            savings: Self::savings_vaults(),
        }
    }

    /// `owner`, attested at the savings level, deposits `amount` currency base units from
    /// `owner_currency`; interest is accrued first, so the deposit earns from now.
    pub fn savings_deposit(
        &self,
        owner: Pubkey,
        owner_currency: Pubkey,
        amount: u64,
    ) -> Instruction {
        build(
            Self::move_savings(owner, owner_currency),
            ix::SavingsDeposit { amount },
        )
    }

    /// `owner`, attested at the savings level, withdraws `amount` currency base units with their
    /// interest into `owner_currency`.
    pub fn savings_withdraw(
        &self,
        owner: Pubkey,
        owner_currency: Pubkey,
        amount: u64,
    ) -> Instruction {
        build(
            Self::move_savings(owner, owner_currency),
            ix::SavingsWithdraw { amount },
        )
    }

    /// Permissionless: accrues savings interest up to now at the policy rate, from the surplus
    /// vault into the savings vault.
    pub fn accrue(&self) -> Instruction {
        build(
            acc::Accrue {
                policy: pda::policy(),
                savings: Self::savings_vaults(),
            },
            ix::Accrue {},
        )
    }

    // --- compliance ---

    /// Approved KYC `provider` attests `wallet` with `terms`, binding it to `identity_hash` (a
    /// hash of the verified identity: one wallet per identity).
    pub fn issue_attestation(
        &self,
        provider: Pubkey,
        wallet: Pubkey,
        terms: AttestationTerms,
        identity_hash: [u8; 32],
    ) -> Instruction {
        build(
            acc::IssueAttestation {
                provider,
                provider_record: pda::kyc_provider(&provider),
                wallet,
                attestation: pda::attestation(&wallet),
                identity: pda::identity(&identity_hash),
                system_program: system_program::ID,
            },
            ix::IssueAttestation {
                terms,
                identity_hash,
            },
        )
    }

    /// `issuer` is the provider that holds the attestation now (`Attestation::provider`);
    /// it differs from `provider` only when taking over from a removed provider.
    fn update_attestation(
        provider: Pubkey,
        wallet: Pubkey,
        issuer: Pubkey,
    ) -> acc::UpdateAttestation {
        acc::UpdateAttestation {
            provider,
            provider_record: pda::kyc_provider(&provider),
            attestation: pda::attestation(&wallet),
            issuer_record: pda::kyc_provider(&issuer),
        }
    }

    /// `provider`, the attestation's current issuer, renews `wallet`'s attestation with `terms`,
    /// clearing a revocation.
    pub fn renew_attestation(
        &self,
        provider: Pubkey,
        wallet: Pubkey,
        terms: AttestationTerms,
    ) -> Instruction {
        self.take_over_attestation(provider, wallet, provider, terms)
    }

    /// Renew by `provider` an attestation issued by `issuer`, a provider governance removed.
    pub fn take_over_attestation(
        &self,
        provider: Pubkey,
        wallet: Pubkey,
        issuer: Pubkey,
        terms: AttestationTerms,
    ) -> Instruction {
        build(
            Self::update_attestation(provider, wallet, issuer),
            ix::RenewAttestation { terms },
        )
    }

    /// `provider`, the attestation's issuer while still approved, revokes `wallet`'s attestation.
    pub fn revoke_attestation(&self, provider: Pubkey, wallet: Pubkey) -> Instruction {
        build(
            Self::update_attestation(provider, wallet, provider),
            ix::RevokeAttestation {},
        )
    }

    fn set_frozen(token_account: Pubkey, wallet: Pubkey) -> acc::FreezeOrThaw {
        acc::FreezeOrThaw {
            reserve: pda::reserve(),
            currency_mint: pda::currency_mint(),
            token_account,
            attestation: pda::attestation(&wallet),
            currency_token_program: token_2022::ID,
        }
    }

    /// Permissionless: freezes `wallet`'s currency account `token_account` (its attestation must be
    /// revoked).
    pub fn freeze_currency_account(&self, token_account: Pubkey, wallet: Pubkey) -> Instruction {
        build(
            Self::set_frozen(token_account, wallet),
            ix::FreezeCurrencyAccount {},
        )
    }

    /// Permissionless: thaws `wallet`'s frozen currency account `token_account` once its
    /// attestation is valid again.
    pub fn thaw_currency_account(&self, token_account: Pubkey, wallet: Pubkey) -> Instruction {
        build(
            Self::set_frozen(token_account, wallet),
            ix::ThawCurrencyAccount {},
        )
    }

    /// Lend reserve tokens to the marketplace: currency from the surplus vault, any other
    /// mint from the reserve's associated token account. Only the marketplace's authority PDA
    /// can sign this (through `marketplace::stabilize`); exposed for tests and tooling.
    pub fn support_market(
        &self,
        market_authority: Pubkey,
        mint: Pubkey,
        token_program: Pubkey,
        destination: Pubkey,
        amount: u64,
        value: u64,
    ) -> Instruction {
        let source = if mint == pda::currency_mint() {
            pda::surplus_vault()
        } else {
            pda::associated_token(&pda::reserve(), &mint, &token_program)
        };
        build(
            acc::SupportMarket {
                market_authority,
                policy: pda::policy(),
                reserve: pda::reserve(),
                mint,
                source,
                destination,
                token_program,
            },
            ix::SupportMarket { amount, value },
        )
    }
}
