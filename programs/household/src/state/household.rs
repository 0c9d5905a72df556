use anchor_lang::prelude::*;

use community::state::Community;
use se_math::{
    fund::shares_for_deposit,
    split::{split, weighted_share},
};

use crate::errors::{HouseholdError, MathExt};

pub const MAX_TRUSTEES: usize = 5;
pub const MAX_MEMBERS: usize = 8;
pub const FULL_WEIGHT_BPS: u16 = 10_000;

/// A household trust. PDA `[HOUSEHOLD, id]`.
///
/// The vault holds three things, tracked apart: contributions not yet invested (`capital`),
/// income not yet distributed (`undistributed`, which keeps each round's rounding dust), and
/// distributions members have not claimed yet (`owed`).
#[account]
#[derive(InitSpace, Default)]
pub struct Household {
    /// PDA bump.
    pub bump: u8,
    /// Chosen at creation; the PDA seed.
    pub id: Pubkey,
    /// The currency mint.
    pub currency_mint: Pubkey,
    /// The trust's currency account (capital, undistributed income, owed distributions).
    pub vault: Pubkey,
    /// The community the trust invests in and carries readings through (default key: none).
    pub community: Pubkey,
    /// Share of each distribution reinvested in community shares.
    pub reinvest_bps: u16,
    /// Trustee signatures a trustee action needs.
    pub threshold: u8,
    /// Trustees set.
    pub trustee_count: u8,
    /// Trustee keys; the first `trustee_count` are set.
    pub trustees: [Pubkey; MAX_TRUSTEES],
    /// Members set.
    pub member_count: u8,
    /// Member ledgers; the first `member_count` are set.
    pub members: [Ledger; MAX_MEMBERS],
    /// Contributions not yet invested, currency base units.
    pub capital: u64,
    /// Income not yet distributed, with each round's rounding dust, currency base units.
    pub undistributed: u64,
    /// Distributed and not yet claimed by members, currency base units.
    pub owed: u64,
    /// Lifetime totals.
    pub income_received: u64,
    /// Lifetime currency invested in the community, base units.
    pub invested: u64,
    /// Lifetime income reinvested in community shares, base units.
    pub reinvested: u64,
    /// Distribution rounds run.
    pub distributions: u64,
    /// Energy carried up through the trust: its own meters plus its members'.
    pub energy_wh: u64,
    /// Energy of the trust's own meters, Wh.
    pub own_energy_wh: u64,
    /// Lifetime currency the trustees took back out of the community and shared out.
    pub divested: u64,
}

/// One member's weight and ledger, readable by the family.
#[derive(
    AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq, InitSpace,
)]
pub struct Ledger {
    /// The member's wallet.
    pub wallet: Pubkey,
    /// Share of distributions, bps (all members sum to 10,000).
    pub weight_bps: u16,
    /// Currency contributed, base units.
    pub contributed: u64,
    /// Currency distributed to it, base units.
    pub distributed: u64,
    /// Currency it claimed, base units.
    pub claimed: u64,
    /// UNIX time of the last distribution it received.
    pub last_distribution: i64,
    /// Energy of its meters carried up through the trust, Wh.
    pub energy_wh: u64,
}

impl Ledger {
    pub fn owed(&self) -> u64 {
        self.distributed - self.claimed
    }
}

/// A member and weight, as trustees set them.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct MemberWeight {
    /// The member's wallet.
    pub wallet: Pubkey,
    /// Its share of distributions, bps.
    pub weight_bps: u16,
}

impl Household {
    pub fn members(&self) -> &[Ledger] {
        &self.members[..self.member_count as usize]
    }

    pub fn ledger_mut(&mut self, wallet: &Pubkey) -> Result<&mut Ledger> {
        let count = self.member_count as usize;
        self.members[..count]
            .iter_mut()
            .find(|l| l.wallet == *wallet)
            .ok_or(error!(HouseholdError::NotAMember))
    }

    pub fn seeds(&self) -> [&[u8]; 3] {
        [
            crate::seeds::HOUSEHOLD,
            self.id.as_ref(),
            std::slice::from_ref(&self.bump),
        ]
    }

    /// Requires `signers` to hold at least `threshold` distinct trustee signatures. Every
    /// account passed must be a signing trustee (bounded by `MAX_TRUSTEES`).
    pub fn require_trustees(&self, signers: &[AccountInfo]) -> Result<()> {
        require!(signers.len() <= MAX_TRUSTEES, HouseholdError::NotTrustee);
        let trustees = &self.trustees[..self.trustee_count as usize];
        let mut approved = [false; MAX_TRUSTEES];
        for info in signers {
            let i = trustees
                .iter()
                .position(|t| t == info.key)
                .ok_or(HouseholdError::NotTrustee)?;
            require!(info.is_signer, HouseholdError::NotTrustee);
            approved[i] = true;
        }
        let count = approved.iter().filter(|a| **a).count();
        require!(
            count >= self.threshold as usize,
            HouseholdError::ThresholdNotMet
        );
        Ok(())
    }

    /// Replaces the member list. Weights sum to 10,000 bps; members who stay keep their
    /// ledgers. A member whose balance is still owed cannot leave the list, but its weight may
    /// drop to 0: it receives no more distributions and can still claim what it is owed (a
    /// revoked member's share stays in the vault, on its ledger, until it can). Once its
    /// balance is claimed, it can leave.
    pub fn set_members(&mut self, list: &[MemberWeight]) -> Result<()> {
        require!(
            !list.is_empty() && list.len() <= MAX_MEMBERS,
            HouseholdError::InvalidMembers
        );
        let mut sum = 0u32;
        for (i, m) in list.iter().enumerate() {
            require!(
                !list[..i].iter().any(|o| o.wallet == m.wallet),
                HouseholdError::InvalidMembers
            );
            sum += m.weight_bps as u32;
        }
        require!(
            sum == FULL_WEIGHT_BPS as u32,
            HouseholdError::WeightsNotFullyAllocated
        );
        for old in self.members() {
            let stays = list.iter().any(|m| m.wallet == old.wallet);
            require!(stays || old.owed() == 0, HouseholdError::MemberHasBalance);
        }
        let mut next = [Ledger::default(); MAX_MEMBERS];
        for (slot, m) in next.iter_mut().zip(list) {
            *slot = self
                .members()
                .iter()
                .find(|l| l.wallet == m.wallet)
                .copied()
                .unwrap_or(Ledger {
                    wallet: m.wallet,
                    ..Ledger::default()
                });
            slot.weight_bps = m.weight_bps;
        }
        self.members = next;
        self.member_count = list.len() as u8;
        Ok(())
    }

    /// Adds income received into the vault.
    pub fn receive(&mut self, amount: u64) -> Result<()> {
        self.undistributed = se_math::checked_add(self.undistributed, amount).math()?;
        self.income_received = se_math::checked_add(self.income_received, amount).math()?;
        Ok(())
    }

    /// How `distribute` splits `income`: (reinvested, to members). `reinvest_bps` of it (rounded
    /// down) buys shares of the trust's community `fund`, but only when that buys at least one
    /// share; otherwise it goes to the members too. Members' shares round down each.
    pub fn plan_distribution(&self, income: u64, fund: Option<&Community>) -> Result<(u64, u64)> {
        let reinvest = match fund {
            Some(c) if c.total_shares > 0 => {
                let amount = weighted_share(income, self.reinvest_bps).math()?;
                let shares = shares_for_deposit(amount, c.total_shares, c.value()).math()?;
                if shares > 0 {
                    amount
                } else {
                    0
                }
            }
            _ => 0,
        };
        let weights = self.members().iter().map(|l| l.weight_bps);
        let to_members = split(income - reinvest, weights).math()?;
        Ok((reinvest, to_members))
    }

    /// Shares `amount` among members by weight (rounded down); returns what was handed out.
    pub fn share_out(&mut self, amount: u64, now: i64) -> Result<u64> {
        let mut total = 0u64;
        let count = self.member_count as usize;
        for l in self.members[..count].iter_mut() {
            let share = weighted_share(amount, l.weight_bps).math()?;
            l.distributed = se_math::checked_add(l.distributed, share).math()?;
            l.last_distribution = now;
            total += share;
        }
        self.owed = se_math::checked_add(self.owed, total).math()?;
        Ok(total)
    }

    /// The vault (its token balance `vault`) holds the books, and `books_invariant` holds.
    pub fn invariant(&self, vault: u64) -> Result<()> {
        let books = self.capital as u128 + self.undistributed as u128 + self.owed as u128;
        require!(vault as u128 >= books, HouseholdError::BooksNotBacked);
        self.books_invariant()
    }

    /// What holds without reading the vault: the members' ledgers add up to `owed`, and their
    /// weights to 100% once members are set. Handlers whose accounts do not include the vault
    /// end with this one.
    pub fn books_invariant(&self) -> Result<()> {
        let owed: u64 = self.members().iter().map(Ledger::owed).sum();
        require!(owed == self.owed, HouseholdError::BooksNotBacked);
        let weights: u32 = self.members().iter().map(|l| l.weight_bps as u32).sum();
        require!(
            self.member_count == 0 || weights == FULL_WEIGHT_BPS as u32,
            HouseholdError::WeightsNotFullyAllocated
        );
        Ok(())
    }
}
