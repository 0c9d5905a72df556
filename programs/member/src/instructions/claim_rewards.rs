use anchor_lang::prelude::*;
use se_anchor::WithAbsentOptionals;

use super::community_move::*;
use crate::{events::MoveKind, state::*};

/// Claim the member's community rewards into the wallet.
pub fn handle_claim_rewards(ctx: Context<CommunityMove>) -> Result<()> {
    let a = &mut *ctx.accounts;
    a.auth.authorize(Permission::Claim)?;
    let before = a.auth.wallet_currency.amount;
    community::cpi::claim_rewards(
        CpiContext::new_with_signer(
            a.community.community_program.key(),
            a.redeem_accounts()?,
            &[&a.auth.member.seeds()],
        )
        // The member account is no wallet: the member program checked its wallet (see
        // `WithAbsentOptionals`).
        .with_absent_optionals(&a.community.community_program.to_account_info()),
    )?;
    let amount = a.auth.received_since(before)?;
    a.auth.record(MoveKind::Income, amount)
}
