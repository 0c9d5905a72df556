use anchor_lang::prelude::*;
use community::program::Community as CommunityProgram;
use se_anchor::WithAbsentOptionals;

use super::trust::*;

/// Permissionless: the trust claims its community rewards (its PDA signs the community program's
/// claim).
#[derive(Accounts)]
pub struct ClaimCommunityRewards<'info> {
    pub trust: Trust<'info>,
    /// CHECK: the community program checks it (and that it is the trust's position's community).
    #[account(mut)]
    pub community: UncheckedAccount<'info>,
    /// CHECK: the community program checks it.
    #[account(mut)]
    pub position: UncheckedAccount<'info>,
    /// CHECK: the community program checks it.
    #[account(mut)]
    pub community_vault: UncheckedAccount<'info>,
    pub community_program: Program<'info, CommunityProgram>,
}

pub fn handle_claim_community_rewards(ctx: Context<ClaimCommunityRewards>) -> Result<()> {
    let a = &mut *ctx.accounts;
    let t = &a.trust;
    let before = t.vault.amount;
    community::cpi::claim_rewards(
        CpiContext::new_with_signer(
            a.community_program.key(),
            community::pay_from_position_accounts!(
                a,
                t.household,
                t.currency_mint,
                t.vault,
                t.token_program
            ),
            &[&t.household.seeds()],
        )
        // The trust is no wallet (see `WithAbsentOptionals`).
        .with_absent_optionals(&a.community_program.to_account_info()),
    )?;
    a.trust.book_income(before)
}
