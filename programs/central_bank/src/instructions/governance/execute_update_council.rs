use anchor_lang::prelude::*;

use super::execute::*;
use crate::{errors::CentralBankError, events::CouncilUpdateEvent, state::*};

#[derive(Accounts)]
pub struct ExecuteUpdateCouncil<'info> {
    pub exec: ExecuteProposal<'info>,
}

/// Replaces the council; every other pending proposal becomes stale.
pub fn handle_execute_update_council(ctx: Context<ExecuteUpdateCouncil>) -> Result<()> {
    let GovernanceAction::UpdateCouncil {
        members,
        threshold,
        timelock_secs,
    } = ctx.accounts.exec.execute()?
    else {
        return err!(CentralBankError::WrongAction);
    };
    let governance = &mut ctx.accounts.exec.governance;
    governance.set_council(&members, threshold, timelock_secs)?;
    governance.invariant()?;
    emit_event!(CouncilUpdateEvent {
        council_version: governance.council_version,
        members,
        threshold,
        timelock_secs,
    });
    Ok(())
}
