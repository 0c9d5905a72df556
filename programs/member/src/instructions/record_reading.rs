use anchor_lang::prelude::*;
use central_bank::checks;
use community::program::Community as CommunityProgram;
use grid_market::{program::GridMarket, state::Meter};
use household::program::Household as HouseholdProgram;
use se_anchor::WithAbsentOptionals;

use crate::{
    errors::{MathExt, MemberError},
    events::MemberReadingEvent,
    seeds,
    state::*,
};

// Why the grid_market accounts are repeated here, not shared: see
// `grid_market::reading_accounts`.
/// A reading of a member's meter enters here and is carried up by CPI: through the member's
/// household if it has one, else its community, else straight to grid_market. The member account
/// signs as reporter; each layer adds the energy to its own totals.
#[derive(Accounts)]
pub struct RecordMemberReading<'info> {
    /// The meter's oracle (grid_market checks its role); pays for a first contributor record.
    #[account(mut)]
    pub oracle: Signer<'info>,
    /// CHECK: grid_market verifies it (MeterOracle role of `oracle`).
    pub oracle_role: UncheckedAccount<'info>,
    /// The member account that owns the meter.
    #[account(
        mut, address = meter.owner @ MemberError::NotMeterOwner,
        seeds = [seeds::MEMBER, member.wallet.as_ref()], bump = member.bump,
    )]
    pub member: Box<Account<'info, Member>>,
    /// CHECK: the member wallet's attestation; `Member::authorize` verifies it.
    pub attestation: UncheckedAccount<'info>,
    /// CHECK: the central bank's policy; `Member::authorize` verifies it.
    pub policy: UncheckedAccount<'info>,
    #[account(mut)]
    pub meter: Box<Account<'info, Meter>>,
    /// CHECK: the grid market; grid_market checks it.
    #[account(mut)]
    pub market: UncheckedAccount<'info>,
    /// CHECK: the grid_market epoch; grid_market checks it.
    #[account(mut)]
    pub epoch: UncheckedAccount<'info>,
    /// CHECK: the member account's contributor record; grid_market checks it.
    #[account(mut)]
    pub contributor: UncheckedAccount<'info>,
    /// CHECK: grid_market checks it.
    #[account(mut)]
    pub energy_credit_mint: UncheckedAccount<'info>,
    /// CHECK: the wallet's credit account; grid_market checks it.
    #[account(mut)]
    pub owner_credits: UncheckedAccount<'info>,
    /// CHECK: grid_market pins it.
    pub token_program: UncheckedAccount<'info>,
    pub system_program: Program<'info, System>,
    pub grid_market_program: Program<'info, GridMarket>,
    /// CHECK: the member's household (when it has one); matched to its affiliation.
    #[account(mut)]
    pub household: Option<UncheckedAccount<'info>>,
    pub household_program: Option<Program<'info, HouseholdProgram>>,
    /// CHECK: the community the reading passes through (the household's or the member's).
    #[account(mut)]
    pub community: Option<UncheckedAccount<'info>>,
    /// CHECK: the position of whoever reports to the community; the community program checks it.
    pub position: Option<UncheckedAccount<'info>>,
    pub community_program: Option<Program<'info, CommunityProgram>>,
}

impl<'info> RecordMemberReading<'info> {
    fn info(account: &Option<UncheckedAccount<'info>>) -> Option<AccountInfo<'info>> {
        account.as_ref().map(|a| a.to_account_info())
    }

    fn carry_up(&self, cumulative_wh: u64) -> Result<()> {
        let m = &self.member;
        let signer: &[&[&[u8]]] = &[&m.seeds()];
        let g = grid_market::submit_reading_accounts!(
            self,
            self.policy.to_account_info(),
            Some(self.attestation.to_account_info())
        );
        let community_program = self.community_program.as_ref().map(|p| p.to_account_info());
        if m.household != Pubkey::default() {
            let (Some(household), Some(program)) = (&self.household, &self.household_program)
            else {
                return err!(MemberError::WrongAffiliation);
            };
            require_keys_eq!(household.key(), m.household, MemberError::WrongAffiliation);
            return household::cpi::record_reading(
                CpiContext::new_with_signer(
                    program.key(),
                    household::cpi::accounts::RecordHouseholdReading {
                        oracle: g.oracle,
                        oracle_role: g.oracle_role,
                        reporter: m.to_account_info(),
                        household: household.to_account_info(),
                        market: g.market,
                        meter: g.meter,
                        epoch: g.epoch,
                        contributor: g.contributor,
                        energy_credit_mint: g.energy_credit_mint,
                        owner_credits: g.owner_credits,
                        token_program: g.token_program,
                        system_program: g.system_program,
                        grid_market_program: self.grid_market_program.to_account_info(),
                        policy: g.policy,
                        attestation: g.attestation,
                        community: Self::info(&self.community),
                        position: Self::info(&self.position),
                        community_program,
                    },
                    signer,
                )
                // The community accounts are absent for a household outside any community.
                .with_absent_optionals(&program.to_account_info()),
                cumulative_wh,
            );
        }
        if m.community != Pubkey::default() {
            let (Some(community), Some(program)) = (&self.community, &community_program) else {
                return err!(MemberError::WrongAffiliation);
            };
            require_keys_eq!(community.key(), m.community, MemberError::WrongAffiliation);
            return community::cpi::record_reading(
                CpiContext::new_with_signer(
                    program.key(),
                    community::record_reading_accounts(
                        g,
                        m.to_account_info(),
                        Self::info(&self.position),
                        community.to_account_info(),
                        self.grid_market_program.to_account_info(),
                    ),
                    signer,
                ),
                cumulative_wh,
            );
        }
        grid_market::cpi::submit_reading(
            CpiContext::new(self.grid_market_program.key(), g),
            cumulative_wh,
        )
    }
}

pub fn handle_record_reading(ctx: Context<RecordMemberReading>, cumulative_wh: u64) -> Result<()> {
    let a = &mut *ctx.accounts;
    a.member
        .authorize(Permission::SellEnergy, &a.attestation, &a.policy)?;
    let factor = checks::load_policy(&a.policy)?
        .params
        .emission_factor_g_per_kwh;
    let before = a.meter.last_reading_wh;
    a.carry_up(cumulative_wh)?;
    a.meter.reload()?;
    let wh = a.meter.last_reading_wh - before;
    let co2 = se_math::carbon_grams(wh, factor).math()?;
    let metrics = &mut a.member.metrics;
    metrics.energy_wh = se_math::checked_add(metrics.energy_wh, wh).math()?;
    metrics.co2_avoided_g = se_math::checked_add(metrics.co2_avoided_g, co2).math()?;
    emit_event!(MemberReadingEvent {
        wallet: a.member.wallet,
        meter: a.meter.id,
        energy_wh: wh,
        co2_avoided_g: co2,
    });
    Ok(())
}
