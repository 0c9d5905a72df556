//! Instruction builders for the household program, from the program's own `accounts` structs.
//! Every builder is a method of [`HouseholdKeys`]. The trust acts through its PDA; what its
//! trustees decide (members, community, investing, divesting, credits) takes a `trustees` list,
//! appended as signer accounts: at least the trust's threshold of them must sign the
//! transaction. Amounts are currency base units, credits Wh.
//!
//! ```rust
//! use anchor_lang::prelude::Pubkey;
//! use sourceenergy_sdk::{community::CommunityKeys, household::HouseholdKeys, pda};
//!
//! let trust = HouseholdKeys { id: Pubkey::new_unique() };
//! let payer = Pubkey::new_unique();
//! let (alice, bob) = (Pubkey::new_unique(), Pubkey::new_unique());
//! // Two trustees, both needed; 20% of income reinvested in the community.
//! let create = trust.create(payer, vec![alice, bob], 2, 2_000);
//!
//! assert_eq!(create.program_id, household::ID);
//! assert_eq!(create.accounts[0].pubkey, payer);
//! assert!(create.accounts[0].is_signer);
//! assert_eq!(create.accounts[1].pubkey, pda::household(&trust.id));
//! assert_eq!(create.accounts[3].pubkey, pda::household_vault(&trust.household()));
//!
//! // The trustees invest 10 currency of the members' contributions in their community.
//! let fund = CommunityKeys { id: Pubkey::new_unique() };
//! let invest = trust.invest(&fund, 10_000_000, &[alice, bob]);
//! assert_eq!(invest.program_id, household::ID);
//! // The trust's 4 accounts, the community deposit's 5, then one per approving trustee.
//! assert_eq!(invest.accounts.len(), 11);
//! assert_eq!(invest.accounts[0].pubkey, trust.household());
//! assert_eq!(invest.accounts[6].pubkey, fund.position(&trust.household()));
//! assert_eq!(invest.accounts[9].pubkey, alice);
//! assert_eq!(invest.accounts[10].pubkey, bob);
//! assert!(invest.accounts[9..].iter().all(|m| m.is_signer));
//! ```

use anchor_lang::{prelude::Pubkey, system_program, InstructionData, ToAccountMetas};
use anchor_spl::token_2022;
use household::{accounts as acc, instruction as ix, state::MemberWeight, CreateHouseholdArgs};
use solana_instruction::{AccountMeta, Instruction};

use crate::{community::CommunityKeys, grid_market::Reading, pda};

fn build(accounts: impl ToAccountMetas, data: impl InstructionData) -> Instruction {
    crate::build_ix(household::ID, accounts, data)
}

/// Appends the approving trustees' signatures (the trust's threshold is checked on chain).
fn approved_by(mut ix: Instruction, trustees: &[Pubkey]) -> Instruction {
    ix.accounts
        .extend(trustees.iter().map(|t| AccountMeta::new_readonly(*t, true)));
    ix
}

/// One household trust, by id.
#[derive(Clone, Copy, Debug)]
pub struct HouseholdKeys {
    /// The id the trust was created with, the seed of its address.
    pub id: Pubkey,
}

impl HouseholdKeys {
    /// The trust's account ([`pda::household`]).
    pub fn household(&self) -> Pubkey {
        pda::household(&self.id)
    }

    /// The trust's currency vault.
    pub fn vault(&self) -> Pubkey {
        pda::household_vault(&self.household())
    }

    /// Creates the trust with its `trustees`, the `threshold` of them that must sign its
    /// decisions and the share of income reinvested (`reinvest_bps`); `payer` pays the rent.
    pub fn create(
        &self,
        payer: Pubkey,
        trustees: Vec<Pubkey>,
        threshold: u8,
        reinvest_bps: u16,
    ) -> Instruction {
        build(
            acc::CreateHousehold {
                payer,
                household: self.household(),
                currency_mint: pda::currency_mint(),
                vault: self.vault(),
                token_program: token_2022::ID,
                system_program: system_program::ID,
            },
            ix::CreateHousehold {
                args: CreateHouseholdArgs {
                    id: self.id,
                    trustees,
                    threshold,
                    reinvest_bps,
                },
            },
        )
    }

    /// `trustees` replace the member list: wallets with weights in bps summing to 10,000.
    pub fn set_members(&self, members: Vec<MemberWeight>, trustees: &[Pubkey]) -> Instruction {
        let ix = build(
            acc::SetMembers {
                household: self.household(),
            },
            ix::SetMembers { members },
        );
        approved_by(ix, trustees)
    }

    /// `trustees` join `community`: the trust opens its position there, `payer` paying the rent.
    pub fn join_community(
        &self,
        payer: Pubkey,
        community: &CommunityKeys,
        trustees: &[Pubkey],
    ) -> Instruction {
        let ix = build(
            acc::JoinCommunity {
                payer,
                household: self.household(),
                community: community.community(),
                position: community.position(&self.household()),
                community_program: community::ID,
                system_program: system_program::ID,
            },
            ix::JoinCommunity {},
        );
        approved_by(ix, trustees)
    }

    fn community_deposit(&self, community: &CommunityKeys) -> acc::CommunityDeposit {
        acc::CommunityDeposit {
            policy: pda::policy(),
            community: community.community(),
            position: community.position(&self.household()),
            community_vault: community.vault(),
            community_program: community::ID,
        }
    }

    fn trust(&self) -> acc::Trust {
        acc::Trust {
            household: self.household(),
            currency_mint: pda::currency_mint(),
            vault: self.vault(),
            token_program: token_2022::ID,
        }
    }

    /// `trustees` invest `amount` currency base units of uninvested contributions in the trust's
    /// position in `community`.
    pub fn invest(
        &self,
        community: &CommunityKeys,
        amount: u64,
        trustees: &[Pubkey],
    ) -> Instruction {
        let ix = build(
            acc::Invest {
                trust: self.trust(),
                community: self.community_deposit(community),
            },
            ix::Invest { amount },
        );
        approved_by(ix, trustees)
    }

    /// Trustees redeem `shares` of the trust's position in `community`; the currency is shared
    /// out to the members at once.
    pub fn divest(
        &self,
        community: &CommunityKeys,
        shares: u64,
        trustees: &[Pubkey],
    ) -> Instruction {
        let ix = build(
            acc::Divest {
                trust: self.trust(),
                community: community.community(),
                position: community.position(&self.household()),
                community_vault: community.vault(),
                community_program: community::ID,
            },
            ix::Divest { shares },
        );
        approved_by(ix, trustees)
    }

    /// The trust's energy credit account (its associated token account).
    pub fn credits(&self) -> Pubkey {
        pda::associated_token(
            &self.household(),
            &pda::energy_credit_mint(),
            &token_2022::ID,
        )
    }

    /// Trustees move `amount` energy credits (Wh) from the trust's credit account to
    /// `destination`.
    pub fn transfer_credits(
        &self,
        destination: Pubkey,
        amount: u64,
        trustees: &[Pubkey],
    ) -> Instruction {
        let ix = build(
            acc::TransferCredits {
                household: self.household(),
                energy_credit_mint: pda::energy_credit_mint(),
                credits: self.credits(),
                destination,
                token_program: token_2022::ID,
            },
            ix::TransferCredits { amount },
        );
        approved_by(ix, trustees)
    }

    /// Permissionless: the trust claims its community rewards.
    pub fn claim_community_rewards(&self, community: &CommunityKeys) -> Instruction {
        build(
            acc::ClaimCommunityRewards {
                trust: self.trust(),
                community: community.community(),
                position: community.position(&self.household()),
                community_vault: community.vault(),
                community_program: community::ID,
            },
            ix::ClaimCommunityRewards {},
        )
    }

    /// Permissionless: the trust claims the revenue of its own meters in grid_market epoch `epoch`.
    pub fn claim_grid_revenue(&self, epoch: u64) -> Instruction {
        build(
            acc::ClaimHouseholdGridRevenue {
                trust: self.trust(),
                contributor: pda::contributor(&self.household()),
                market: pda::market(),
                epoch: pda::epoch(epoch),
                revenue_vault: pda::revenue_vault(),
                grid_market_program: grid_market::ID,
            },
            ix::ClaimGridRevenue {},
        )
    }

    /// Permissionless crank; `community` is the trust's community, if it has one.
    pub fn distribute(&self, community: Option<&CommunityKeys>) -> Instruction {
        let c = community.map(|c| self.community_deposit(c));
        build(
            acc::Distribute {
                trust: self.trust(),
                policy: c.as_ref().map(|c| c.policy),
                community: c.as_ref().map(|c| c.community),
                position: c.as_ref().map(|c| c.position),
                community_vault: c.as_ref().map(|c| c.community_vault),
                community_program: c.as_ref().map(|c| c.community_program),
            },
            ix::Distribute {},
        )
    }

    /// A reading of the trust's own meter (`reporter` is unused then: the oracle is passed),
    /// or one arriving from a member account as `reporter` (`reading.owner` its wallet).
    pub fn record_reading(
        &self,
        reading: &Reading,
        reporter: Pubkey,
        community: Option<&CommunityKeys>,
        cumulative_wh: u64,
    ) -> Instruction {
        let g = reading.accounts();
        let accounts = acc::RecordHouseholdReading {
            oracle: g.oracle,
            oracle_role: g.oracle_role,
            reporter,
            household: self.household(),
            market: g.market,
            meter: g.meter,
            epoch: g.epoch,
            contributor: g.contributor,
            energy_credit_mint: g.energy_credit_mint,
            owner_credits: g.owner_credits,
            token_program: g.token_program,
            system_program: g.system_program,
            grid_market_program: grid_market::ID,
            policy: g.policy,
            // A member's wallet is attested; the trust's own meter has no attestation.
            attestation: g.attestation.filter(|_| reporter != reading.oracle),
            community: community.map(|c| c.community()),
            position: community.map(|c| c.position(&self.household())),
            community_program: community.map(|_| community::ID),
        };
        build(accounts, ix::RecordReading { cumulative_wh })
    }
}
