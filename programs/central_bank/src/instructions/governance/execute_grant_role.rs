use anchor_lang::prelude::*;

use super::execute::*;
use crate::{errors::CentralBankError, events::RoleEvent, seeds, state::*};

#[derive(Accounts)]
#[instruction(role: RoleKind, subject: Pubkey)]
pub struct ExecuteGrantRole<'info> {
    pub exec: ExecuteProposal<'info>,
    #[account(
        init, payer = exec.executor, space = 8 + Role::INIT_SPACE,
        seeds = [seeds::ROLE, &role.seed(), subject.as_ref()], bump,
    )]
    pub role_record: Box<Account<'info, Role>>,
    pub system_program: Program<'info, System>,
}

pub fn handle_execute_grant_role(
    ctx: Context<ExecuteGrantRole>,
    role: RoleKind,
    subject: Pubkey,
) -> Result<()> {
    let action = ctx.accounts.exec.execute()?;
    require!(
        action == GovernanceAction::GrantRole { role, subject },
        CentralBankError::WrongAction
    );
    let record = &mut ctx.accounts.role_record;
    record.bump = ctx.bumps.role_record;
    record.role = role;
    record.subject = subject;
    record.granted_at = Clock::get()?.unix_timestamp;
    record.proposal = ctx.accounts.exec.proposal.index;
    emit_event!(RoleEvent {
        role,
        subject,
        granted: true,
    });
    Ok(())
}
