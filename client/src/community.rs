//! Instruction builders for the L4 community program, from the program's own `accounts` structs.

use anchor_lang::{prelude::Pubkey, system_program, InstructionData, ToAccountMetas};
use anchor_spl::token_2022;
use central_bank::state::RoleKind;
use community::{accounts as acc, instruction as ix};
use solana_instruction::Instruction;

use crate::pda;

fn build(accounts: impl ToAccountMetas, data: impl InstructionData) -> Instruction {
    Instruction {
        program_id: community::ID,
        accounts: accounts.to_account_metas(None),
        data: data.data(),
    }
}

/// One community fund, by id.
#[derive(Clone, Copy, Debug)]
pub struct CommunityKeys {
    pub id: Pubkey,
}

impl CommunityKeys {
    pub fn community(&self) -> Pubkey {
        pda::community(&self.id)
    }

    pub fn vault(&self) -> Pubkey {
        pda::community_vault(&self.community())
    }

    pub fn create(&self, manager: Pubkey, fee_bps: u16) -> Instruction {
        build(
            acc::CreateCommunity {
                manager,
                manager_role: pda::role(RoleKind::CommunityRegistrar, &manager),
                community: self.community(),
                currency_mint: pda::currency_mint(),
                vault: self.vault(),
                token_program: token_2022::ID,
                system_program: system_program::ID,
            },
            ix::CreateCommunity {
                id: self.id,
                fee_bps,
            },
        )
    }

    pub fn open_position(&self, owner: Pubkey) -> Instruction {
        build(
            acc::OpenPosition {
                owner,
                community: self.community(),
                position: pda::position(&self.community(), &owner),
                system_program: system_program::ID,
            },
            ix::OpenPosition {},
        )
    }

    fn move_position(&self, owner: Pubkey, owner_currency: Pubkey) -> acc::MovePosition {
        acc::MovePosition {
            owner,
            attestation: pda::attestation(&owner),
            policy: pda::policy(),
            community: self.community(),
            position: pda::position(&self.community(), &owner),
            currency_mint: pda::currency_mint(),
            vault: self.vault(),
            owner_currency,
            token_program: token_2022::ID,
        }
    }

    pub fn deposit(&self, owner: Pubkey, owner_currency: Pubkey, amount: u64) -> Instruction {
        build(
            self.move_position(owner, owner_currency),
            ix::Deposit { amount },
        )
    }

    pub fn withdraw(&self, owner: Pubkey, owner_currency: Pubkey, shares: u64) -> Instruction {
        build(
            self.move_position(owner, owner_currency),
            ix::Withdraw { shares },
        )
    }

    pub fn claim_rewards(&self, owner: Pubkey, owner_currency: Pubkey) -> Instruction {
        build(
            self.move_position(owner, owner_currency),
            ix::ClaimRewards {},
        )
    }

    /// Permissionless: claim the community's revenue of L3 epoch `epoch` and distribute it.
    pub fn claim_grid_revenue(&self, epoch: u64) -> Instruction {
        build(
            acc::ClaimGridRevenue {
                community: self.community(),
                vault: self.vault(),
                contributor: pda::contributor(&self.community()),
                market: pda::market(),
                epoch: pda::epoch(epoch),
                currency_mint: pda::currency_mint(),
                revenue_vault: pda::revenue_vault(),
                token_program: token_2022::ID,
                grid_market_program: grid_market::ID,
            },
            ix::ClaimGridRevenue { epoch },
        )
    }
}
