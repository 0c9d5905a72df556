use anchor_lang::prelude::*;
use anchor_spl::token_interface::{self, MintTo, TokenAccount};

use super::carbon_accounts::*;
use super::pool_accounts::open_market_policy;
use crate::{
    errors::{MarketplaceError, MathExt},
    events::ConvertEvent,
    seeds,
};

/// Burn `wh` energy credits and mint `floor(wh * emission factor / 1000)` grams of carbon
/// credits. The burned energy credits are gone, so the same energy can never be counted twice.
#[derive(Accounts)]
pub struct ConvertEnergy<'info> {
    pub owner: Signer<'info>,
    /// CHECK: verified by `central_bank::checks::verify_attestation`.
    pub attestation: UncheckedAccount<'info>,
    /// CHECK: verified by `central_bank::checks::load_policy`.
    pub policy: UncheckedAccount<'info>,
    pub carbon: CarbonAccounts<'info>,
    #[account(mut, token::mint = carbon.energy_credit_mint, token::authority = owner)]
    pub owner_energy: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut, token::mint = carbon.carbon_mint, token::authority = owner)]
    pub owner_carbon: Box<InterfaceAccount<'info, TokenAccount>>,
}

pub fn handle_convert_energy(ctx: Context<ConvertEnergy>, wh: u64) -> Result<()> {
    let a = &mut *ctx.accounts;
    let now = Clock::get()?.unix_timestamp;
    let policy = open_market_policy(&a.policy)?;
    verify_environmental(&policy, &a.attestation, &a.owner.key(), now)?;
    let factor = policy.emission_factor_g_per_kwh;
    let grams = se_math::carbon_grams(wh, factor).math()?;
    require!(grams > 0, MarketplaceError::ZeroAmount);

    let owner = a.owner.to_account_info();
    let c = &a.carbon;
    c.burn(&c.energy_credit_mint, &a.owner_energy, &owner, wh)?;
    let registry = &a.carbon.registry;
    let registry_seeds = [seeds::CARBON_REGISTRY, std::slice::from_ref(&registry.bump)];
    token_interface::mint_to(
        CpiContext::new_with_signer(
            a.carbon.token_program.key(),
            MintTo {
                mint: a.carbon.carbon_mint.to_account_info(),
                to: a.owner_carbon.to_account_info(),
                authority: registry.to_account_info(),
            },
            &[&registry_seeds],
        ),
        grams,
    )?;
    let registry = &mut a.carbon.registry;
    registry.converted_wh = se_math::checked_add(registry.converted_wh, wh).math()?;
    registry.minted_g = se_math::checked_add(registry.minted_g, grams).math()?;
    emit_event!(ConvertEvent {
        wallet: a.owner.key(),
        energy_wh: wh,
        carbon_g: grams,
        emission_factor_g_per_kwh: factor,
    });
    Ok(())
}
