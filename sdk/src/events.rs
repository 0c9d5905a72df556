//! Anchor events from a transaction's log: each `emit!` is a `Program data: <base64>` line
//! holding the event's discriminator and its Borsh fields.

use anchor_lang::{prelude::borsh::BorshDeserialize, Discriminator, Event};

/// Every event of type `T` in `logs`, in order. Lines of other events are skipped.
pub fn decode<T: Event + Discriminator + BorshDeserialize>(logs: &[String]) -> Vec<T> {
    use base64::{engine::general_purpose::STANDARD, Engine as _};
    logs.iter()
        .filter_map(|line| line.strip_prefix("Program data: "))
        .filter_map(|b64| STANDARD.decode(b64).ok())
        .filter(|bytes| bytes.starts_with(T::DISCRIMINATOR))
        .filter_map(|bytes| T::try_from_slice(&bytes[T::DISCRIMINATOR.len()..]).ok())
        .collect()
}
