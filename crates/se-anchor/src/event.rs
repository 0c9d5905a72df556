//! Event logging that works on chain and in the native engine alike.

/// Writes an event (discriminator and Borsh fields) to the program log as one
/// `Program data: <base64>` line. On chain that is the `sol_log_data` syscall. Off chain,
/// Anchor's `emit!` logs nothing, so this goes through the syscall stubs, which the native
/// engine points at the transaction's log.
pub fn log_event(data: &[u8]) {
    #[cfg(target_os = "solana")]
    anchor_lang::solana_program::log::sol_log_data(&[data]);
    #[cfg(not(target_os = "solana"))]
    anchor_lang::compat::solana_sysvar::program_stubs::sol_log_data(&[data]);
}
