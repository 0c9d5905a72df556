use anchor_lang::prelude::*;
use central_bank::checks;
use grid_market::{program::GridMarket, state::Meter};
use se_anchor::WithAbsentOptionals;

use crate::{
    errors::{CommunityError, MathExt},
    events::ImpactEvent,
    lower::{is_household, is_member_account},
    seeds,
    state::*,
};

// Why the grid_market accounts are repeated here, not shared: see
// `grid_market::reading_accounts`.
/// A reading carried up through this community to grid_market: the community's own (project)
/// meters, and meters of its members and household trusts, which arrive signed by the layer below.
/// The community adds the new energy and the CO2 it avoided to its impact metrics.
#[derive(Accounts)]
pub struct RecordCommunityReading<'info> {
    /// The meter's oracle (grid_market checks its role); pays for a first contributor record.
    #[account(mut)]
    pub oracle: Signer<'info>,
    /// CHECK: grid_market verifies it (MeterOracle role of `oracle`).
    pub oracle_role: UncheckedAccount<'info>,
    /// Who carries the reading up: a member account for its wallet's meter, or a household
    /// household trust for its own or a member's meter. Unused for the community's own meters.
    pub reporter: Signer<'info>,
    /// The reporter's position: its affiliation with this community.
    #[account(
        seeds = [seeds::POSITION, community.key().as_ref(), reporter.key().as_ref()],
        bump = reporter_position.bump,
    )]
    pub reporter_position: Option<Box<Account<'info, Position>>>,
    /// CHECK: verified by `central_bank::checks::load_policy` (emission factor).
    pub policy: UncheckedAccount<'info>,
    /// CHECK: for a member's meter, its wallet's attestation; grid_market verifies it.
    pub attestation: Option<UncheckedAccount<'info>>,
    #[account(mut, seeds = [seeds::COMMUNITY, community.id.as_ref()], bump = community.bump)]
    pub community: Box<Account<'info, Community>>,
    /// CHECK: the grid market; grid_market checks it.
    #[account(mut)]
    pub market: UncheckedAccount<'info>,
    #[account(mut)]
    pub meter: Box<Account<'info, Meter>>,
    /// CHECK: the grid_market epoch; grid_market checks it.
    #[account(mut)]
    pub epoch: UncheckedAccount<'info>,
    /// CHECK: the meter owner's grid_market contributor record; grid_market checks it.
    #[account(mut)]
    pub contributor: UncheckedAccount<'info>,
    /// CHECK: grid_market checks it.
    #[account(mut)]
    pub energy_credit_mint: UncheckedAccount<'info>,
    /// CHECK: the meter owner's credit account; grid_market checks it.
    #[account(mut)]
    pub owner_credits: UncheckedAccount<'info>,
    /// CHECK: grid_market pins it.
    pub token_program: UncheckedAccount<'info>,
    pub system_program: Program<'info, System>,
    pub grid_market_program: Program<'info, GridMarket>,
}

impl<'info> RecordCommunityReading<'info> {
    /// Requires the meter to be the community's own, or carried by an affiliated lower layer
    /// that vouches for it.
    fn check_affiliation(&self) -> Result<()> {
        let owner = self.meter.owner;
        if owner == self.community.key() {
            return Ok(());
        }
        require!(
            self.reporter_position.is_some(),
            CommunityError::UnaffiliatedMeter
        );
        // A member's meter is owned by its member account (the wallet receives credits).
        let reporter = self.reporter.key();
        let by_member =
            reporter == owner && is_member_account(&self.reporter, &self.meter.credits_to);
        require!(
            is_household(&self.reporter) || by_member,
            CommunityError::UnaffiliatedMeter
        );
        Ok(())
    }
}

pub fn handle_record_reading(
    ctx: Context<RecordCommunityReading>,
    cumulative_wh: u64,
) -> Result<()> {
    let a = &mut *ctx.accounts;
    a.check_affiliation()?;
    let factor = checks::load_policy(&a.policy)?
        .params
        .emission_factor_g_per_kwh;
    let before = a.meter.last_reading_wh;
    grid_market::cpi::submit_reading(
        CpiContext::new(
            a.grid_market_program.key(),
            grid_market::submit_reading_accounts!(
                a,
                a.policy.to_account_info(),
                a.attestation.as_ref().map(|x| x.to_account_info())
            ),
        )
        // No attestation for a trust's or the community's own meter (see `WithAbsentOptionals`).
        .with_absent_optionals(&a.grid_market_program.to_account_info()),
        cumulative_wh,
    )?;
    a.meter.reload()?;
    let wh = a.meter.last_reading_wh - before;
    let co2 = se_math::carbon_grams(wh, factor).math()?;
    let impact = &mut a.community.impact;
    impact.energy_wh = se_math::checked_add(impact.energy_wh, wh).math()?;
    impact.co2_avoided_g = se_math::checked_add(impact.co2_avoided_g, co2).math()?;
    emit_event!(ImpactEvent {
        community: a.community.key(),
        meter: a.meter.id,
        energy_wh: wh,
        co2_avoided_g: co2,
    });
    // No vault among these accounts: the vault-free part of the community's invariant.
    a.community.books_invariant()
}

/// The `record_reading` CPI accounts for a lower layer carrying a reading up through the
/// community: the grid_market accounts (`grid_market::submit_reading_accounts!`), the reporter (the
/// lower layer's PDA, signing) and its position.
#[cfg(feature = "cpi")]
pub fn record_reading_accounts<'info>(
    l3: grid_market::cpi::accounts::SubmitReading<'info>,
    reporter: AccountInfo<'info>,
    reporter_position: Option<AccountInfo<'info>>,
    community: AccountInfo<'info>,
    grid_market_program: AccountInfo<'info>,
) -> crate::cpi::accounts::RecordCommunityReading<'info> {
    crate::cpi::accounts::RecordCommunityReading {
        oracle: l3.oracle,
        oracle_role: l3.oracle_role,
        reporter,
        reporter_position,
        policy: l3.policy,
        attestation: l3.attestation,
        community,
        market: l3.market,
        meter: l3.meter,
        epoch: l3.epoch,
        contributor: l3.contributor,
        energy_credit_mint: l3.energy_credit_mint,
        owner_credits: l3.owner_credits,
        token_program: l3.token_program,
        system_program: l3.system_program,
        grid_market_program,
    }
}
