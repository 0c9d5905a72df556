use anchor_lang::prelude::*;
use community::program::Community as CommunityProgram;
use grid_market::{program::GridMarket, state::Meter};
use se_anchor::WithAbsentOptionals;

use crate::{
    errors::{HouseholdError, MathExt},
    seeds,
    state::*,
};

// Why the grid_market accounts are repeated here, not shared: see
// `grid_market::reading_accounts`.
/// A reading of the trust's own meter, or of a member's meter (arriving signed by the
/// member account), carried up: through the trust's community if it has one (the trust
/// signs as reporter there), else straight to grid_market. The trust adds the energy to its totals.
#[derive(Accounts)]
pub struct RecordHouseholdReading<'info> {
    /// The meter's oracle (grid_market checks its role); pays for a first contributor record.
    #[account(mut)]
    pub oracle: Signer<'info>,
    /// CHECK: grid_market verifies it (MeterOracle role of `oracle`).
    pub oracle_role: UncheckedAccount<'info>,
    /// The member account for a member's meter; unused for the trust's own meters.
    pub reporter: Signer<'info>,
    #[account(mut, seeds = [seeds::HOUSEHOLD, household.id.as_ref()], bump = household.bump)]
    pub household: Box<Account<'info, Household>>,
    /// CHECK: the grid market; grid_market checks it.
    #[account(mut)]
    pub market: UncheckedAccount<'info>,
    #[account(mut)]
    pub meter: Box<Account<'info, Meter>>,
    /// CHECK: the grid_market epoch; grid_market checks it.
    #[account(mut)]
    pub epoch: UncheckedAccount<'info>,
    /// CHECK: the meter owner's contributor record; grid_market checks it.
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
    /// CHECK: central bank policy; grid_market and community check it.
    pub policy: UncheckedAccount<'info>,
    /// CHECK: for a member's meter, its wallet's attestation; grid_market verifies it.
    pub attestation: Option<UncheckedAccount<'info>>,
    // Through the trust's community, when it has one:
    /// CHECK: matched to the trust's community; the community program checks it.
    #[account(mut)]
    pub community: Option<UncheckedAccount<'info>>,
    /// CHECK: the trust's position (its affiliation); the community program checks it.
    pub position: Option<UncheckedAccount<'info>>,
    pub community_program: Option<Program<'info, CommunityProgram>>,
}

impl<'info> RecordHouseholdReading<'info> {
    /// Which member's ledger (by wallet) the reading belongs to (`None`: the trust's own
    /// meter). A member's meter is owned by its member account, which signs as reporter;
    /// its credits go to the member's wallet.
    fn member_of_meter(&self) -> Result<Option<Pubkey>> {
        let owner = self.meter.owner;
        if owner == self.household.key() {
            return Ok(None);
        }
        let wallet = self.meter.credits_to;
        require!(
            self.household.members().iter().any(|l| l.wallet == wallet)
                && self.reporter.key() == owner
                && seeds::is_member_account(&self.reporter, &wallet),
            HouseholdError::UnaffiliatedMeter
        );
        Ok(Some(wallet))
    }

    fn carry_up(&self, cumulative_wh: u64) -> Result<()> {
        let h = &self.household;
        let l3 = grid_market::submit_reading_accounts!(
            self,
            self.policy.to_account_info(),
            self.attestation.as_ref().map(|a| a.to_account_info())
        );
        if h.community == Pubkey::default() {
            return grid_market::cpi::submit_reading(
                CpiContext::new(self.grid_market_program.key(), l3)
                    // No attestation for the trust's own meter (see `WithAbsentOptionals`).
                    .with_absent_optionals(&self.grid_market_program.to_account_info()),
                cumulative_wh,
            );
        }
        let (Some(community), Some(position), Some(program)) =
            (&self.community, &self.position, &self.community_program)
        else {
            return err!(HouseholdError::WrongCommunity);
        };
        require_keys_eq!(community.key(), h.community, HouseholdError::WrongCommunity);
        community::cpi::record_reading(
            CpiContext::new_with_signer(
                program.key(),
                community::record_reading_accounts(
                    l3,
                    h.to_account_info(),
                    Some(position.to_account_info()),
                    community.to_account_info(),
                    self.grid_market_program.to_account_info(),
                ),
                &[&h.seeds()],
            )
            // No attestation for the trust's own meter (see `WithAbsentOptionals`).
            .with_absent_optionals(&program.to_account_info()),
            cumulative_wh,
        )
    }
}

pub fn handle_record_reading(
    ctx: Context<RecordHouseholdReading>,
    cumulative_wh: u64,
) -> Result<()> {
    let a = &mut *ctx.accounts;
    let member = a.member_of_meter()?;
    let before = a.meter.last_reading_wh;
    a.carry_up(cumulative_wh)?;
    a.meter.reload()?;
    let wh = a.meter.last_reading_wh - before;
    let h = &mut a.household;
    h.energy_wh = se_math::checked_add(h.energy_wh, wh).math()?;
    match member {
        Some(wallet) => {
            let ledger = h.ledger_mut(&wallet)?;
            ledger.energy_wh = se_math::checked_add(ledger.energy_wh, wh).math()?;
        }
        None => h.own_energy_wh = se_math::checked_add(h.own_energy_wh, wh).math()?,
    }
    // No vault among these accounts: the vault-free part of the household's invariant.
    h.books_invariant()
}
