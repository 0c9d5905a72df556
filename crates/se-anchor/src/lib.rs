//! Generic Anchor helpers every SourceEnergy program uses, kept out of the central_bank program so
//! that a program imports `central_bank` only for central_bank state and checks:
//! - [`transfer`] and [`burn`]: token CPIs;
//! - [`create_pda`], [`create_token_account`], [`create_mint`] (over [`create_pda_account`]):
//!   every account the programs create, so that lamports sent to its address first cannot block
//!   it;
//! - [`log_event`] and the [`emit_event!`] macro: events that log in the native engine too;
//! - the [`math_ext!`] macro: a program's typed overflow error for `se_math` results;
//! - [`read_existing`]: an account read only when something lives at its address;
//! - [`stored_bump`]: a PDA's stored bump for a seeds constraint on a maybe-absent account;
//! - [`is_stored_pda`]: whether an account is a given program's record at a PDA, by its bump;
//! - [`program_address`]: a PDA from seeds and a bump the program stored, by one hash;
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
/// first field, after the discriminator, as in every SourceEnergy record). One hash
/// ([`program_address`]) instead of a `find_program_address` search; as sound, since a
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
    program_address(&with_bump, program_id) == Some(*info.key)
}

/// The address `Pubkey::create_program_address(seeds, program_id)` gives, without its proof
/// that the address is off the ed25519 curve: one SHA-256 (a `sol_sha256` syscall on SBF, about
/// a tenth of `create_program_address`'s 1,500 compute units; natively, no point
/// decompression). For a record's address re-derived from the bump the record stores: the
/// program found that bump with `find_program_address` when it created the record, which
/// proved it off the curve, and the derived address is only compared with an account's key.
/// `None` where `create_program_address` refuses the seeds (too many, or one too long).
pub fn program_address(seeds: &[&[u8]], program_id: &Pubkey) -> Option<Pubkey> {
    use anchor_lang::solana_program::pubkey::{MAX_SEEDS, MAX_SEED_LEN};
    const PDA_MARKER: &[u8] = b"ProgramDerivedAddress";
    if seeds.len() > MAX_SEEDS || seeds.iter().any(|s| s.len() > MAX_SEED_LEN) {
        return None;
    }
    let mut parts: [&[u8]; MAX_SEEDS + 2] = [&[]; MAX_SEEDS + 2];
    parts[..seeds.len()].copy_from_slice(seeds);
    parts[seeds.len()] = program_id.as_ref();
    parts[seeds.len() + 1] = PDA_MARKER;
    let hash = solana_sha256_hasher::hashv(&parts[..seeds.len() + 2]);
    Some(Pubkey::new_from_array(hash.to_bytes()))
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

#[cfg(test)]
mod tests {
    use solana_sha256_hasher::hash;

    use super::*;

    #[test]
    fn program_address_is_create_program_address_for_off_curve_seeds() {
        let program = Pubkey::new_from_array(hash(b"program").to_bytes());
        for n in 0..300u32 {
            let wallet = hash(&n.to_le_bytes()).to_bytes();
            let seeds: [&[u8]; 3] = [b"record", &wallet, &n.to_be_bytes()[..(n % 5) as usize]];
            let (expected, bump) = Pubkey::find_program_address(&seeds, &program);
            let with_bump = [seeds[0], seeds[1], seeds[2], &[bump]];
            assert_eq!(program_address(&with_bump, &program), Some(expected));
            // Any other bump gives another address (hash-only: on-curve ones included).
            let other = [seeds[0], seeds[1], seeds[2], &[bump.wrapping_sub(1)]];
            assert_ne!(program_address(&other, &program), Some(expected));
        }
    }

    #[test]
    fn program_address_refuses_what_create_program_address_refuses() {
        let program = Pubkey::new_unique();
        let long = [7u8; 33];
        assert_eq!(program_address(&[&long], &program), None);
        assert!(Pubkey::create_program_address(&[&long], &program).is_err());
        let many: Vec<&[u8]> = vec![b"s"; 17];
        assert_eq!(program_address(&many, &program), None);
        assert!(Pubkey::create_program_address(&many, &program).is_err());
    }
}
