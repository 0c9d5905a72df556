//! Instruction builders for the member program, from the program's own `accounts` structs. A
//! member's every action goes through [`MemberKeys`]: the wallet signs, and its member account
//! (a PDA of the wallet) signs onward by CPI into the household, community and grid market
//! programs, after checking the wallet's permissions and attestation. Amounts are currency base
//! units.
//!
//! ```rust
//! use anchor_lang::prelude::Pubkey;
//! use sourceenergy_sdk::{member::MemberKeys, pda};
//!
//! let wallet = Pubkey::new_unique();
//! let keys = MemberKeys { wallet, currency: Pubkey::new_unique() };
//! let ix = keys.create();
//!
//! assert_eq!(ix.program_id, member::ID);
//! // wallet, its attestation, the member account, the system program
//! assert_eq!(ix.accounts.len(), 4);
//! assert_eq!(ix.accounts[0].pubkey, wallet);
//! assert!(ix.accounts[0].is_signer);
//! assert_eq!(ix.accounts[1].pubkey, pda::attestation(&wallet));
//! assert_eq!(ix.accounts[2].pubkey, pda::member(&wallet));
//! assert_eq!(keys.member(), pda::member(&wallet));
//! ```

use anchor_lang::{prelude::Pubkey, system_program, InstructionData, ToAccountMetas};
use anchor_spl::token_2022;
use central_bank::state::RoleKind;
use member::{accounts as acc, instruction as ix};
use solana_instruction::Instruction;

use crate::{community::CommunityKeys, grid_market::Reading, household::HouseholdKeys, pda};

fn build(accounts: impl ToAccountMetas, data: impl InstructionData) -> Instruction {
    crate::build_ix(member::ID, accounts, data)
}

/// Where a member belongs; its readings travel up through these.
#[derive(Clone, Copy, Debug, Default)]
pub struct Affiliation {
    /// The household trust the member joined, if any.
    pub household: Option<HouseholdKeys>,
    /// The member's own community, or its household's.
    pub community: Option<CommunityKeys>,
}

/// One member: a wallet and its currency account.
#[derive(Clone, Copy, Debug)]
pub struct MemberKeys {
    /// The member's wallet; it signs every instruction of these keys but `set_permissions`.
    pub wallet: Pubkey,
    /// The wallet's currency token account (Token-2022), which the member's payments come from
    /// and its claims go to.
    pub currency: Pubkey,
}

impl MemberKeys {
    /// The member account ([`pda::member`] of the wallet).
    pub fn member(&self) -> Pubkey {
        pda::member(&self.wallet)
    }

    /// The wallet, holding a valid attestation, creates its member account with every permission
    /// and pays the rent.
    pub fn create(&self) -> Instruction {
        build(
            acc::CreateMember {
                wallet: self.wallet,
                attestation: pda::attestation(&self.wallet),
                member: self.member(),
                system_program: system_program::ID,
            },
            ix::CreateMember {},
        )
    }

    /// Signed by the KYC provider that attested the wallet: sets `permissions`, a bit set (bit 0
    /// invest, bit 1 sell energy, bit 2 claim).
    pub fn set_permissions(&self, provider: Pubkey, permissions: u8) -> Instruction {
        build(
            acc::SetPermissions {
                provider,
                provider_record: pda::kyc_provider(&provider),
                member: self.member(),
                attestation: pda::attestation(&self.wallet),
            },
            ix::SetPermissions { permissions },
        )
    }

    /// Joins `household`, whose trustees must list the wallet already.
    pub fn join_household(&self, household: &HouseholdKeys) -> Instruction {
        build(
            acc::JoinHousehold {
                wallet: self.wallet,
                member: self.member(),
                household: household.household(),
            },
            ix::JoinHousehold {},
        )
    }

    /// Joins `community` directly: the member account opens its position there (the wallet pays
    /// the rent) or takes back the one it left.
    pub fn join_community(&self, community: &CommunityKeys) -> Instruction {
        build(
            acc::JoinCommunity {
                wallet: self.wallet,
                member: self.member(),
                community: community.community(),
                position: community.position(&self.member()),
                community_program: community::ID,
                system_program: system_program::ID,
            },
            ix::JoinCommunity {},
        )
    }

    /// Leaves `household` once its trustees no longer list the wallet.
    pub fn leave_household(&self, household: &HouseholdKeys) -> Instruction {
        build(
            acc::LeaveHousehold {
                wallet: self.wallet,
                member: self.member(),
                household: household.household(),
            },
            ix::LeaveHousehold {},
        )
    }

    /// Leaves `community` once the member account's position there is empty.
    pub fn leave_community(&self, community: &CommunityKeys) -> Instruction {
        build(
            acc::LeaveCommunity {
                wallet: self.wallet,
                member: self.member(),
                community: community.community(),
                position: community.position(&self.member()),
            },
            ix::LeaveCommunity {},
        )
    }

    /// The member registers meter `meter_id` (capacity `capacity_w` in W, read by `oracle`), owned
    /// by its member account; `registrar` (the central bank's meter registrar) co-signs.
    pub fn register_meter(
        &self,
        registrar: Pubkey,
        meter_id: Pubkey,
        capacity_w: u64,
        oracle: Pubkey,
    ) -> Instruction {
        build(
            acc::RegisterMeter {
                wallet: self.wallet,
                member: self.member(),
                attestation: pda::attestation(&self.wallet),
                policy: pda::policy(),
                registrar,
                registrar_role: pda::role(RoleKind::MeterRegistrar, &registrar),
                meter: pda::meter(&meter_id),
                system_program: system_program::ID,
                grid_market_program: grid_market::ID,
            },
            ix::RegisterMeter {
                meter_id,
                capacity_w,
                oracle,
            },
        )
    }

    fn auth(&self) -> acc::Authorized {
        acc::Authorized {
            wallet: self.wallet,
            member: self.member(),
            attestation: pda::attestation(&self.wallet),
            policy: pda::policy(),
            currency_mint: pda::currency_mint(),
            wallet_currency: self.currency,
            token_program: token_2022::ID,
        }
    }

    fn community_move(&self, community: &CommunityKeys) -> acc::CommunityMove {
        acc::CommunityMove {
            auth: self.auth(),
            community: acc::CommunityAccounts {
                community: community.community(),
                position: community.position(&self.member()),
                community_vault: community.vault(),
                community_program: community::ID,
            },
        }
    }

    /// With the invest permission: invests `amount` currency base units in `community`; the
    /// member account holds the shares.
    pub fn invest(&self, community: &CommunityKeys, amount: u64) -> Instruction {
        build(self.community_move(community), ix::Invest { amount })
    }

    /// With the invest permission: redeems `shares` of the member account's position in
    /// `community` into the wallet's currency account.
    pub fn divest(&self, community: &CommunityKeys, shares: u64) -> Instruction {
        build(self.community_move(community), ix::Divest { shares })
    }

    /// With the claim permission: claims the position's community rewards into the wallet's
    /// currency account.
    pub fn claim_rewards(&self, community: &CommunityKeys) -> Instruction {
        build(self.community_move(community), ix::ClaimRewards {})
    }

    fn household_move(&self, household: &HouseholdKeys) -> acc::HouseholdMove {
        acc::HouseholdMove {
            auth: self.auth(),
            household: household.household(),
            household_vault: household.vault(),
            household_program: household::ID,
        }
    }

    /// With the invest permission: pays `amount` currency base units into `household`.
    pub fn contribute(&self, household: &HouseholdKeys, amount: u64) -> Instruction {
        build(self.household_move(household), ix::Contribute { amount })
    }

    /// With the claim permission: claims what `household` distributed to the member into the
    /// wallet's currency account.
    pub fn claim_household(&self, household: &HouseholdKeys) -> Instruction {
        build(self.household_move(household), ix::ClaimHousehold {})
    }

    /// Claims the revenue of the member's own meters in grid_market epoch `epoch`.
    pub fn claim_revenue(&self, epoch: u64) -> Instruction {
        build(
            acc::ClaimRevenue {
                auth: self.auth(),
                contributor: pda::contributor(&self.member()),
                market: pda::market(),
                epoch: pda::epoch(epoch),
                revenue_vault: pda::revenue_vault(),
                grid_market_program: grid_market::ID,
            },
            ix::ClaimRevenue {},
        )
    }
}

/// A reading of a member's meter (`reading.owner` is the wallet), carried up through its
/// affiliations. The member account owns the meter (its contributor record); the wallet
/// receives the credits.
pub fn record_reading(reading: &Reading, via: &Affiliation, cumulative_wh: u64) -> Instruction {
    let g = reading.accounts();
    let member = pda::member(&reading.owner);
    // Whoever reports to the community: the household if the member has one, else the member.
    let reporter = via.household.map_or(member, |h| h.household());
    let accounts = acc::RecordMemberReading {
        oracle: g.oracle,
        oracle_role: g.oracle_role,
        member,
        attestation: pda::attestation(&reading.owner),
        policy: pda::policy(),
        meter: g.meter,
        market: g.market,
        epoch: g.epoch,
        contributor: pda::contributor(&member),
        energy_credit_mint: g.energy_credit_mint,
        owner_credits: g.owner_credits,
        token_program: g.token_program,
        system_program: g.system_program,
        grid_market_program: grid_market::ID,
        household: via.household.map(|h| h.household()),
        household_program: via.household.map(|_| household::ID),
        community: via.community.map(|c| c.community()),
        position: via.community.map(|c| c.position(&reporter)),
        community_program: via.community.map(|_| community::ID),
    };
    build(accounts, ix::RecordReading { cumulative_wh })
}
