//! Generic Anchor helpers every SourceEnergy program uses, kept out of the L1 program so that a
//! program imports `central_bank` only for L1 state and checks:
//! - [`transfer`], [`burn`] and [`create_pda`]: token and system CPIs;
//! - [`log_event`] and the [`emit_event!`] macro: events that log in the native engine too;
//! - the [`math_ext!`] macro: a program's typed overflow error for `se_math` results;
//! - [`read_existing`]: an account read only when something lives at its address;
//! - [`stored_bump`]: a PDA's stored bump for a seeds constraint on a maybe-absent account;
//! - [`is_stored_pda`]: whether an account is a given program's record at a PDA, by its bump;
//! - [`WithAbsentOptionals`]: the one place that encodes absent optional CPI accounts.

mod cpi;
mod event;

pub use cpi::*;
pub use event::*;

// Named imports, not the prelude: a glob would put Anchor's derive macros in this crate's root,
// and programs take `emit_event!` with `#[macro_use]`, which refuses such private macros.
use anchor_lang::{
    prelude::{AccountInfo, CpiContext, Pubkey},
    AccountDeserialize, Result, ToAccountInfos, ToAccountMetas,
};

#[doc(hidden)]
pub use se_math::MathResult as __MathResult;

/// `emit!`, logging natively too: Anchor's `emit!` logs nothing off chain (see [`log_event`]).
/// Programs bring it in once with `#[macro_use] extern crate se_anchor;` in `lib.rs`.
#[macro_export]
macro_rules! emit_event {
    ($event:expr) => {
        $crate::log_event(&anchor_lang::Event::data(&$event))
    };
}

/// Defines `MathExt` for a program: `math_fn(..).math()?` turns a pure-math error into that
/// program's typed overflow error. Every SourceEnergy program invokes it once, in `errors.rs`.
#[macro_export]
macro_rules! math_ext {
    ($overflow:expr) => {
        pub trait MathExt<T> {
            fn math(self) -> anchor_lang::Result<T>;
        }

        impl<T> MathExt<T> for $crate::__MathResult<T> {
            fn math(self) -> anchor_lang::Result<T> {
                self.map_err(|_| anchor_lang::error!($overflow))
            }
        }
    };
}

/// Deserializes `info` as a `T` owned by `owner`, or `None` when nothing lives there. For
/// accounts read at a fixed address whether or not they exist yet, so the caller cannot choose
/// an input by leaving an account out.
pub fn read_existing<T: AccountDeserialize>(
    info: &AccountInfo,
    owner: &Pubkey,
) -> Result<Option<T>> {
    if info.owner != owner {
        return Ok(None);
    }
    let data = info.try_borrow_data()?;
    Ok(Some(T::try_deserialize(&mut &data[..])?))
}

/// The bump for a seeds constraint on a PDA that may not exist yet, where Anchor cannot read a
/// bump field: `bump = se_anchor::stored_bump(&account, &[seeds..], &program_id)`. When
/// `program_id` owns the account, the bump it stores as its first field (after the 8-byte
/// discriminator, as every SourceEnergy record does); else the canonical bump, found. An
/// existing record then costs one `create_program_address` instead of a `find_program_address`
/// search. Sound: a program creates the accounts it owns at their canonical bump only, and the
/// constraint still compares the address derived with this bump to the account's.
pub fn stored_bump(info: &AccountInfo, seeds: &[&[u8]], program_id: &Pubkey) -> u8 {
    if info.owner == program_id {
        if let Some(bump) = info.try_borrow_data().ok().and_then(|d| d.get(8).copied()) {
            return bump;
        }
    }
    Pubkey::find_program_address(seeds, program_id).1
}

/// Whether `info` is the record of type `discriminator` that `program_id` keeps at the PDA of
/// `seeds`: owner, discriminator, and the address derived with the bump the record stores (its
/// first field, after the discriminator, as in every SourceEnergy record). One
/// `create_program_address` instead of a `find_program_address` search; as sound, since a
/// program creates the records it owns at their canonical bump only. For an account another
/// program owns, which a seeds constraint cannot check.
pub fn is_stored_pda(
    info: &AccountInfo,
    program_id: &Pubkey,
    discriminator: &[u8],
    seeds: &[&[u8]],
) -> bool {
    if info.owner != program_id {
        return false;
    }
    let Ok(data) = info.try_borrow_data() else {
        return false;
    };
    if !data.starts_with(discriminator) {
        return false;
    }
    let Some(&bump) = data.get(discriminator.len()) else {
        return false;
    };
    let bump = [bump];
    let mut with_bump = seeds.to_vec();
    with_bump.push(&bump);
    Pubkey::create_program_address(&with_bump, program_id).is_ok_and(|address| address == *info.key)
}

/// Absent optional accounts in a CPI. Anchor encodes an optional account passed as `None` as
/// the callee's program ID in the instruction's account metas (the callee reads that address
/// back as `None`), but leaves it out of the account infos; the runtime needs an info for every
/// meta, so the callee program's own info is passed once more as a remaining account. Call it
/// on every CPI whose accounts may hold a `None`; it is harmless when none is absent.
pub trait WithAbsentOptionals<'info>: Sized {
    fn with_absent_optionals(self, callee_program: &AccountInfo<'info>) -> Self;
}

impl<'info, T> WithAbsentOptionals<'info> for CpiContext<'_, '_, '_, 'info, T>
where
    T: ToAccountMetas + ToAccountInfos<'info>,
{
    fn with_absent_optionals(mut self, callee_program: &AccountInfo<'info>) -> Self {
        debug_assert_eq!(callee_program.key, &self.program_id);
        self.remaining_accounts.push(callee_program.clone());
        self
    }
}
