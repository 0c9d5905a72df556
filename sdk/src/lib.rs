#![deny(missing_docs)]
//! The SourceEnergy Rust SDK, the crate a dApp developer adds to work with the six programs
//! (central_bank, marketplace, grid_market, community, household, member) from Rust: it builds
//! their instructions, derives their addresses, reads their accounts, names their errors, decodes
//! their events, packs instructions into transactions and sends them through one
//! [`Chain`](chain::Chain) interface. No engine and no CLI: the embedded backend lives in
//! `sourceenergy-engine`, the CLI and simulator in `sourceenergy`.
//!
//! # Building instructions
//!
//! One module per program. A builder returns a plain `Instruction` whose account list is filled
//! from the program's own generated `accounts` struct, so it cannot drift from the program, with
//! every program address derived for you. Each builder's doc says who signs; the fee payer is
//! the chain's. Each program module opens with an example that builds one instruction.
//!
//! | action | builder |
//! |---|---|
//! | attest a wallet (a KYC provider) | [`central_bank::CentralBank::issue_attestation`] |
//! | create a member | [`member::MemberKeys::create`] |
//! | mint or redeem currency against collateral | [`central_bank::CentralBank::mint_currency`], [`central_bank::CentralBank::redeem_currency`] |
//! | save at the policy rate | [`central_bank::CentralBank::open_savings`], [`central_bank::CentralBank::savings_deposit`] |
//! | govern (propose, approve, execute) | [`central_bank::CentralBank::propose`], [`central_bank::CentralBank::approve`], [`central_bank::CentralBank::execute`] |
//! | open a trader record, once before trading | [`marketplace::open_trader`] |
//! | swap against a pool | [`marketplace::PoolKeys::swap`] |
//! | add or remove liquidity | [`marketplace::PoolKeys::deposit`], [`marketplace::PoolKeys::withdraw`] |
//! | make, take or close an offer | [`marketplace::OfferKeys::make`], [`marketplace::OfferKeys::take`], [`marketplace::OfferKeys::close`] |
//! | turn energy credits into carbon credits, retire them | [`marketplace::convert_energy`], [`marketplace::retire_carbon`] |
//! | register a member's meter | [`member::MemberKeys::register_meter`] |
//! | report a reading of a member's meter | [`member::record_reading`] (carried up through its household and community) |
//! | run an epoch | [`grid_market::open_epoch`], [`grid_market::submit_grid_price`], [`grid_market::close_epoch`] |
//! | settle an epoch (the offtaker pays) | [`grid_market::settle_epoch`] |
//! | claim meter revenue | [`member::MemberKeys::claim_revenue`] (a member), [`grid_market::claim`] (any owner) |
//! | create a community fund, invest in it | [`community::CommunityKeys::create`], [`member::MemberKeys::invest`] |
//! | create a household trust, set its members | [`household::HouseholdKeys::create`], [`household::HouseholdKeys::set_members`] |
//! | share a trust's income out (crank) | [`household::HouseholdKeys::distribute`] |
//! | create a token account if missing | [`tokens::ata`] |
//!
//! Units throughout: currency in base units (1 = 10⁻⁶ currency), energy in Wh, prices in currency
//! base units per kWh, rates and fees in bps, time in UNIX seconds.
//!
//! # Addresses and accounts
//!
//! [`pda`] derives every program account's address from the programs' own seed constants (and
//! remembers it). [`Chain::read`](chain::Chain::read) fetches and decodes an account in one call,
//! `None` when it does not exist; [`read::decode`] decodes data fetched any other way. The account
//! types are the programs' own, in each program crate's `state` module (for example
//! `grid_market::state::Epoch`); [`read`] and [`tokens`] add a few typed readers (policy, roles,
//! TWAP, token balances).
//!
//! # Sending: the `Chain` trait
//!
//! [`chain::Chain`] sends transactions and reads accounts, the clock and program accounts. It has
//! two backends:
//!
//! - embedded, `sourceenergy_engine::Embedded` in the `sourceenergy-engine` crate: the six
//!   programs compiled for the host and running natively in-process, for tests and simulation;
//! - JSON-RPC, [`rpc::RpcChain`]: a cluster, `solana-test-validator` or `sourceenergy localnet`.
//!   It simulates each transaction first (one the chain would refuse is not sent), asks for the
//!   units the simulation used plus a margin, pays a priority fee from the cluster's recent
//!   fees when its [`rpc::SendPolicy`] allows one, and retries sends that do not reach the node.
//!
//! Code written against the trait runs on both.
//!
//! # Packing
//!
//! [`packer::pack`] puts many instructions, in order, into as few transactions as fit the
//! 1,232-byte packet, each led by the two compute-budget instructions (unit limit and price);
//! an instruction never splits.
//! [`Chain::send_packed`](chain::Chain::send_packed) packs and sends, returning one result per
//! transaction so a caller can treat "already done" failures as done.
//!
//! # Errors and events
//!
//! [`errors::describe`] turns a custom error code into its program, name and message (each
//! program has its own code range, so a code passed up through a CPI still names its program).
//! [`chain::ChainError`]'s `Display` does it for a failed transaction:
//! `transaction failed: central_bank NotCouncilMember (6004): Signer is not a council member`.
//! [`events::decode`] decodes a program's events of one type from a transaction's log (the
//! event types are in each program crate's `events` module).
//!
//! # A runnable example
//!
//! `examples/rust/src/bin/dashboard_and_claim.rs` reads the dashboard's numbers, claims a
//! member's meter revenue over JSON-RPC with [`Chain::send_packed`](chain::Chain::send_packed)
//! and watches the claims' events:
//!
//! ```sh
//! sourceenergy localnet --economy   # in another terminal
//! cargo run -p sourceenergy-examples --bin dashboard_and_claim -- .sourceenergy/keys/member-0.json
//! ```

pub mod central_bank;
pub mod chain;
pub mod community;
pub mod errors;
pub mod events;
pub mod grid_market;
pub mod household;
pub mod marketplace;
pub mod member;
pub mod packer;
pub mod pda;
pub mod read;
pub mod rpc;
pub mod tokens;

pub use ::central_bank as central_bank_program;

use anchor_lang::{prelude::Pubkey, InstructionData, ToAccountMetas};
use solana_instruction::Instruction;

/// An instruction of `program_id` from its generated accounts struct and data.
pub(crate) fn build_ix(
    program_id: Pubkey,
    accounts: impl ToAccountMetas,
    data: impl InstructionData,
) -> Instruction {
    Instruction {
        program_id,
        accounts: accounts.to_account_metas(None),
        data: data.data(),
    }
}
