use anchor_lang::prelude::*;
use se_anchor::WithAbsentOptionals;

use super::community_move::*;
use crate::{events::MoveKind, state::*};

/// Redeem `shares` of the member's community position into the wallet.
pub fn handle_divest(ctx: Context<CommunityMove>, shares: u64) -> Result<()> {
    let a = &mut *ctx.accounts;
    a.auth.authorize(Permission::Invest)?;
    let before = a.auth.wallet_currency.amount;
    community::cpi::withdraw(
        CpiContext::new_with_signer(
            a.community.community_program.key(),
            a.redeem_accounts()?,
            &[&a.auth.member.seeds()],
        )
        // The member account is no wallet: the member program checked its wallet (see
        // `WithAbsentOptionals`).
        .with_absent_optionals(&a.community.community_program.to_account_info()),
        shares,
    )?;
    let amount = a.auth.received_since(before)?;
    a.auth.record(MoveKind::Divest, amount)
}
