use anchor_lang::prelude::*;
use community::program::Community as CommunityProgram;

use super::{community_deposit::*, trust::*};
use crate::{
    errors::{HouseholdError, MathExt},
    events::DistributeEvent,
};

/// Permissionless crank: splits undistributed income — `reinvest_bps` into community shares
/// (by CPI), the rest to members by weight, rounded down; the dust waits for the next round.
#[derive(Accounts)]
pub struct Distribute<'info> {
    pub trust: Trust<'info>,
    // The trust's community accounts; required when it belongs to one (the community program checks
    // them).
    /// CHECK: central bank policy; the community program checks it.
    pub policy: Option<UncheckedAccount<'info>>,
    /// CHECK: matched to the trust's community.
    #[account(mut)]
    pub community: Option<UncheckedAccount<'info>>,
    /// CHECK: the trust's position; the community program checks it.
    #[account(mut)]
    pub position: Option<UncheckedAccount<'info>>,
    /// CHECK: the community vault; the community program checks it.
    #[account(mut)]
    pub community_vault: Option<UncheckedAccount<'info>>,
    pub community_program: Option<Program<'info, CommunityProgram>>,
}

impl<'info> Distribute<'info> {
    fn community_refs(&self) -> Result<CommunityRefs<'info>> {
        match (
            &self.policy,
            &self.community,
            &self.position,
            &self.community_vault,
            &self.community_program,
        ) {
            (Some(policy), Some(community), Some(position), Some(vault), Some(program)) => {
                Ok(CommunityRefs {
                    policy: policy.to_account_info(),
                    community: community.to_account_info(),
                    position: position.to_account_info(),
                    vault: vault.to_account_info(),
                    program: program.to_account_info(),
                })
            }
            _ => err!(HouseholdError::WrongCommunity),
        }
    }
}

pub fn handle_distribute(ctx: Context<Distribute>) -> Result<()> {
    let a = &mut *ctx.accounts;
    let h = &a.trust.household;
    let income = h.undistributed;
    require!(income > 0, HouseholdError::NothingToDistribute);
    require!(h.member_count > 0, HouseholdError::NoMembers);
    let fund = if h.community == Pubkey::default() {
        None
    } else {
        let c = a.community_refs()?;
        // The trust's own community: another one would price (or skip) the reinvestment.
        require_keys_eq!(
            c.community.key(),
            h.community,
            HouseholdError::WrongCommunity
        );
        require_keys_eq!(
            *c.community.owner,
            community::ID,
            HouseholdError::WrongCommunity
        );
        let fund = {
            let data = c.community.try_borrow_data()?;
            community::state::Community::try_deserialize(&mut &data[..])?
        };
        Some((c, fund))
    };
    let (reinvest, _) = h.plan_distribution(income, fund.as_ref().map(|(_, c)| c))?;
    if let Some((c, _)) = fund.as_ref().filter(|_| reinvest > 0) {
        c.deposit(
            h,
            &a.trust.vault,
            &a.trust.currency_mint,
            &a.trust.token_program.to_account_info(),
            reinvest,
        )?;
    }
    let now = Clock::get()?.unix_timestamp;
    let h = &mut a.trust.household;
    let to_members = h.share_out(income - reinvest, now)?;
    require!(
        reinvest + to_members > 0,
        HouseholdError::NothingToDistribute
    );
    let dust = income - reinvest - to_members;
    h.undistributed = dust;
    h.reinvested = se_math::checked_add(h.reinvested, reinvest).math()?;
    h.distributions += 1;
    emit_event!(DistributeEvent {
        household: h.key(),
        income,
        reinvested: reinvest,
        to_members,
        dust,
    });
    a.trust.vault.reload()?;
    a.trust.household.invariant(a.trust.vault.amount)
}
