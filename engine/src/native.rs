//! The six programs as native builtins of the SVM, and the syscall stubs that give their CPIs,
//! sysvar reads, logs and events a runtime to talk to.
//!
//! A program compiled for the host reaches the runtime only through
//! `solana_sysvar::program_stubs`. The default stubs print and return: a CPI would silently do
//! nothing and an event would never reach a log. `install_stubs` replaces them with stubs that
//! act on the invoke context of the instruction running now, which `run` records before it
//! calls a program's entrypoint.

use std::{
    cell::{Cell, RefCell},
    collections::HashMap,
    panic::{catch_unwind, AssertUnwindSafe},
    sync::Once,
};

use anchor_lang::{
    prelude::{AccountInfo, Pubkey},
    solana_program::pubkey::MAX_SEED_LEN,
    solana_program::{entrypoint::ProgramResult, instruction::Instruction},
};
use solana_program_entrypoint::{MAX_PERMITTED_DATA_INCREASE, NON_DUP_MARKER};
use solana_program_runtime::{
    invoke_context::{BuiltinFunctionWithContext, InvokeContext},
    stable_log,
};
use solana_sdk::{instruction::InstructionError, program_error::ProgramError};
use solana_svm_timings::ExecuteTimings;
use solana_sysvar::program_stubs::{set_syscall_stubs, SyscallStubs};
use solana_transaction_context::{InstructionContext, MAX_ACCOUNTS_PER_INSTRUCTION};

/// An Anchor program's `entry`: one lifetime for all three arguments.
pub type Entry = for<'a> fn(&'a Pubkey, &'a [AccountInfo<'a>], &'a [u8]) -> ProgramResult;

thread_local! {
    /// The invoke context of the native instruction running on this thread. The runtime keeps
    /// one context per transaction and hands the same one to nested (CPI) instructions.
    static CONTEXT: Cell<usize> = const { Cell::new(0) };
}

fn set_context(ctx: &mut InvokeContext) {
    CONTEXT.with(|c| c.set(ctx as *mut InvokeContext as usize));
}

/// The context `run` recorded. The stubs are called only from inside a program's entrypoint,
/// which `run` calls with that context alive and otherwise unused until the program returns,
/// the same contract the runtime's own syscalls rely on.
fn context<'a, 'b>() -> &'a mut InvokeContext<'b, 'b> {
    let ptr = CONTEXT.with(Cell::get);
    assert!(ptr != 0, "a syscall outside a native instruction");
    // SAFETY: see above; the pointer was set from a live `&mut InvokeContext`.
    unsafe { &mut *(ptr as *mut InvokeContext) }
}

/// Runs `entry` as the current instruction: serializes its accounts as the SBF loader does,
/// calls the program on them, and writes back what it changed. Nothing is leaked: the
/// program's borrows end with this call.
pub fn run(invoke_context: &mut InvokeContext, entry: Entry) -> Result<(), InstructionError> {
    set_context(invoke_context);
    let mask_rent_epoch = invoke_context
        .get_feature_set()
        .mask_out_rent_epoch_in_vm_serialization;
    let instruction = invoke_context
        .transaction_context
        .get_current_instruction_context()?;
    let accounts = 0..instruction.get_number_of_instruction_accounts();
    let mut buffer = BUFFERS.with_borrow_mut(Vec::pop).unwrap_or_default();
    serialize(&instruction, mask_rent_epoch, &mut buffer)?;

    // SAFETY: `buffer` holds the loader's layout of this instruction, and its heap block
    // outlives every `AccountInfo` made from it.
    let (id, infos, data) =
        unsafe { solana_program_entrypoint::deserialize(buffer.as_mut_ptr().cast::<u8>()) };
    let outcome = catch_unwind(AssertUnwindSafe(|| entry(id, &infos, data)));
    // The runtime logs the invoke, success and failure lines itself.
    match outcome {
        Ok(Ok(())) => {}
        Ok(Err(e)) => return Err(InstructionError::from(u64::from(e))),
        Err(_) => return Err(InstructionError::ProgramFailedToComplete),
    }

    // A CPI may have moved the current instruction context: look it up again.
    let instruction = invoke_context
        .transaction_context
        .get_current_instruction_context()?;
    for index in accounts {
        let mut account = instruction.try_borrow_instruction_account(index)?;
        if !account.is_writable() {
            continue;
        }
        let Some(info) = infos.iter().find(|i| i.key == account.get_key()) else {
            continue;
        };
        if account.get_lamports() != info.lamports() {
            account.set_lamports(info.lamports())?;
        }
        // Only what changed: setting an account's data copies it out of the shared store.
        let data = info.data.borrow();
        if account.get_data() != *data && account.can_data_be_resized(data.len()).is_ok() {
            account.set_data_from_slice(&data)?;
        }
        if account.get_owner() != info.owner {
            account.set_owner(info.owner.as_ref())?;
        }
    }
    // For the next instruction; `infos` point into its heap block, which moving the vector
    // does not move, and nothing runs before they are dropped with this frame.
    BUFFERS.with_borrow_mut(|pool| pool.push(buffer));
    Ok(())
}

thread_local! {
    /// Buffers for `serialize`, one per native instruction in progress (a CPI into a native
    /// program serializes while its caller's buffer is in use), kept for the next one:
    /// allocating and clearing a new one (with 10 KiB of realloc room per account) for every
    /// native instruction cost a tenth of the engine's time.
    static BUFFERS: RefCell<Vec<Vec<u64>>> = const { RefCell::new(Vec::new()) };
}

/// Writes `instruction` into `buffer` in the SBF loader's aligned input layout, the one
/// `solana_program_entrypoint::deserialize` reads: the account count; per account either the
/// index of its first occurrence (a duplicate) or its flags, key, owner, lamports, data and
/// `MAX_PERMITTED_DATA_INCREASE` bytes of room to grow; then the instruction data and the
/// program ID. The room after the data is not cleared between uses: nothing reads it, and
/// `AccountInfo::resize` zeroes what it grows into. `u64` words keep every field aligned.
fn serialize(
    instruction: &InstructionContext,
    mask_rent_epoch: bool,
    buffer: &mut Vec<u64>,
) -> Result<(), InstructionError> {
    // After the 8 bytes every entry starts with: key, owner, lamports, data length; then,
    // after the data and its room, the rent epoch.
    const ACCOUNT: usize = 32 + 32 + 8 + 8;
    const RENT_EPOCH: usize = 8;
    let count = instruction.get_number_of_instruction_accounts();
    // The loader's limit too: a duplicate names its first occurrence in one byte.
    if count as usize > MAX_ACCOUNTS_PER_INSTRUCTION {
        return Err(InstructionError::MaxAccountsExceeded);
    }
    let data = instruction.get_instruction_data();
    let mut size = 8 + 8 + data.len() + 32;
    for index in 0..count {
        size += 8;
        if instruction
            .is_instruction_account_duplicate(index)?
            .is_none()
        {
            let len = instruction
                .try_borrow_instruction_account(index)?
                .get_data()
                .len();
            size += ACCOUNT + len.next_multiple_of(8) + MAX_PERMITTED_DATA_INCREASE + RENT_EPOCH;
        }
    }
    let words = size.div_ceil(8);
    if buffer.len() < words {
        buffer.resize(words, 0);
    }
    // SAFETY: `words` initialised u64s viewed as bytes; the view ends with this function.
    let out =
        unsafe { std::slice::from_raw_parts_mut(buffer.as_mut_ptr().cast::<u8>(), words * 8) };
    let mut at = 0;
    let mut put = |bytes: &[u8], room: usize| {
        out[at..at + bytes.len()].copy_from_slice(bytes);
        at += bytes.len() + room;
    };
    put(&(count as u64).to_le_bytes(), 0);
    for index in 0..count {
        if let Some(first) = instruction.is_instruction_account_duplicate(index)? {
            put(&[first as u8, 0, 0, 0, 0, 0, 0, 0], 0);
            continue;
        }
        let account = instruction.try_borrow_instruction_account(index)?;
        #[allow(deprecated)]
        let executable = account.is_executable();
        let flags = [account.is_signer(), account.is_writable(), executable];
        put(&[NON_DUP_MARKER], 0);
        put(&flags.map(u8::from), 4);
        put(account.get_key().as_ref(), 0);
        put(account.get_owner().as_ref(), 0);
        put(&account.get_lamports().to_le_bytes(), 0);
        let bytes = account.get_data();
        put(&(bytes.len() as u64).to_le_bytes(), 0);
        // Then room to grow, left as it is (see above), to the next aligned offset.
        let room = bytes.len().next_multiple_of(8) - bytes.len() + MAX_PERMITTED_DATA_INCREASE;
        put(bytes, room);
        let rent_epoch = if mask_rent_epoch {
            u64::MAX
        } else {
            account.get_rent_epoch()
        };
        put(&rent_epoch.to_le_bytes(), 0);
    }
    put(&(data.len() as u64).to_le_bytes(), 0);
    put(data, 0);
    put(instruction.get_program_key()?.as_ref(), 0);
    Ok(())
}

/// Declares the builtin of one program: a `vm` function the SVM registers under its ID.
macro_rules! native_builtin {
    ($name:ident, $program:ident) => {
        solana_program_runtime::declare_process_instruction!($name, 1, |invoke_context| {
            run(invoke_context, $program::entry)
        });
    };
}

native_builtin!(CentralBankBuiltin, central_bank);
native_builtin!(MarketplaceBuiltin, marketplace);
native_builtin!(GridMarketBuiltin, grid_market);
native_builtin!(CommunityBuiltin, community);
native_builtin!(HouseholdBuiltin, household);
native_builtin!(MemberBuiltin, member);

/// Every SourceEnergy program and its builtin.
pub fn programs() -> [(Pubkey, BuiltinFunctionWithContext); 6] {
    [
        (central_bank::ID, CentralBankBuiltin::vm),
        (marketplace::ID, MarketplaceBuiltin::vm),
        (grid_market::ID, GridMarketBuiltin::vm),
        (community::ID, CommunityBuiltin::vm),
        (household::ID, HouseholdBuiltin::vm),
        (member::ID, MemberBuiltin::vm),
    ]
}

/// The upgradeable loader's ProgramData account of each program, naming `authority` as its
/// upgrade authority: what `solana program deploy` leaves on a cluster, less the ELF (a native
/// program has none). The programs' one-time initialise instructions check it, so the engine
/// and the local node exercise the same deployer check as a cluster.
pub fn program_data_accounts(authority: &Pubkey) -> Vec<(Pubkey, solana_sdk::account::Account)> {
    use anchor_lang::solana_program::bpf_loader_upgradeable;
    // `UpgradeableLoaderState::ProgramData { slot: 0, upgrade_authority_address:
    // Some(authority) }` in bincode: the variant index (3) as a u32, the slot as a u64, the
    // option's tag byte, the key. 45 bytes, the loader's programdata metadata size.
    let mut data = Vec::with_capacity(45);
    data.extend_from_slice(&3u32.to_le_bytes());
    data.extend_from_slice(&0u64.to_le_bytes());
    data.push(1);
    data.extend_from_slice(authority.as_ref());
    let lamports = solana_sdk::rent::Rent::default().minimum_balance(data.len());
    programs()
        .iter()
        .map(|(id, _)| {
            let address =
                Pubkey::find_program_address(&[id.as_ref()], &bpf_loader_upgradeable::ID).0;
            let account = solana_sdk::account::Account {
                lamports,
                data: data.clone(),
                owner: bpf_loader_upgradeable::ID,
                executable: false,
                rent_epoch: 0,
            };
            (address, account)
        })
        .collect()
}

/// Installs the stubs, once per process (they are global).
pub fn install_stubs() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        set_syscall_stubs(Box::new(Stubs));
    });
}

/// Copies sysvar `T` from the cache into the program's memory, charging what a syscall does.
fn sysvar<T: Clone>(value: Result<std::sync::Arc<T>, InstructionError>, out: *mut u8) -> u64 {
    let ctx = context();
    let cost = ctx.get_execution_cost().sysvar_base_cost + std::mem::size_of::<T>() as u64;
    if ctx.consume_checked(cost).is_err() {
        panic!("compute budget exceeded reading a sysvar");
    }
    match value {
        Ok(v) => {
            // SAFETY: the program passes a pointer to a `T` it owns.
            unsafe { *(out as *mut T) = T::clone(&v) };
            solana_program_entrypoint::SUCCESS
        }
        Err(_) => solana_instruction::error::UNSUPPORTED_SYSVAR,
    }
}

struct Stubs;

impl SyscallStubs for Stubs {
    fn sol_log(&self, message: &str) {
        stable_log::program_log(&context().get_log_collector(), message);
    }

    /// Events (`emit!`) reach the transaction log as `Program data: <base64>`, as on a cluster.
    fn sol_log_data(&self, fields: &[&[u8]]) {
        stable_log::program_data(&context().get_log_collector(), fields);
    }

    fn sol_invoke_signed(
        &self,
        instruction: &Instruction,
        account_infos: &[AccountInfo],
        signers_seeds: &[&[&[u8]]],
    ) -> ProgramResult {
        invoke(instruction, account_infos, signers_seeds)
    }

    fn sol_get_clock_sysvar(&self, out: *mut u8) -> u64 {
        sysvar(context().get_sysvar_cache().get_clock(), out)
    }

    fn sol_get_epoch_schedule_sysvar(&self, out: *mut u8) -> u64 {
        sysvar(context().get_sysvar_cache().get_epoch_schedule(), out)
    }

    fn sol_get_epoch_rewards_sysvar(&self, out: *mut u8) -> u64 {
        sysvar(context().get_sysvar_cache().get_epoch_rewards(), out)
    }

    #[allow(deprecated)]
    fn sol_get_fees_sysvar(&self, out: *mut u8) -> u64 {
        sysvar(context().get_sysvar_cache().get_fees(), out)
    }

    fn sol_get_rent_sysvar(&self, out: *mut u8) -> u64 {
        sysvar(context().get_sysvar_cache().get_rent(), out)
    }

    fn sol_get_last_restart_slot(&self, out: *mut u8) -> u64 {
        sysvar(context().get_sysvar_cache().get_last_restart_slot(), out)
    }

    fn sol_get_return_data(&self) -> Option<(Pubkey, Vec<u8>)> {
        let (program_id, data) = context().transaction_context.get_return_data();
        Some((*program_id, data.to_vec()))
    }

    fn sol_set_return_data(&self, data: &[u8]) {
        let tc = &mut context().transaction_context;
        let caller = tc
            .get_current_instruction_context()
            .and_then(|i| i.get_program_key().copied());
        if let Ok(caller) = caller {
            let _ = tc.set_return_data(caller, data.to_vec());
        }
    }

    fn sol_get_stack_height(&self) -> u64 {
        context().get_stack_height() as u64
    }
}

/// A CPI from a native program: the caller's `AccountInfo` changes go into the invoke
/// context, the callee runs there (a builtin or an SBF program), and its changes come back
/// into the caller's `AccountInfo`s. Signer seeds must derive from the caller's program ID.
/// The runtime logs the callee's invoke and result lines.
fn invoke(
    instruction: &Instruction,
    account_infos: &[AccountInfo],
    signers_seeds: &[&[&[u8]]],
) -> ProgramResult {
    let ctx = context();
    let caller = ctx
        .transaction_context
        .get_current_instruction_context()
        .and_then(|i| i.get_program_key().copied())
        .map_err(|_| ProgramError::InvalidArgument)?;
    let signers = signers_seeds
        .iter()
        .map(|seeds| signer_address(seeds, &caller))
        .collect::<Option<Vec<_>>>()
        .ok_or(ProgramError::InvalidSeeds)?;
    ctx.prepare_next_instruction(instruction.clone(), &signers)
        .map_err(program_error)?;

    // Caller's changes in, remembering which writable accounts to copy back.
    let mut writable = Vec::new();
    {
        let tc = &ctx.transaction_context;
        let current = tc
            .get_current_instruction_context()
            .map_err(program_error)?;
        let next = tc.get_next_instruction_context().map_err(program_error)?;
        for meta in next.instruction_accounts().iter() {
            let key = tc
                .get_key_of_account_at_index(meta.index_in_transaction)
                .map_err(program_error)?;
            let at = account_infos
                .iter()
                .position(|i| i.key == key)
                .ok_or(ProgramError::NotEnoughAccountKeys)?;
            let info = &account_infos[at];
            let in_caller = current
                .get_index_of_account_in_instruction(meta.index_in_transaction)
                .map_err(program_error)?;
            let mut account = current
                .try_borrow_instruction_account(in_caller)
                .map_err(program_error)?;
            if account.get_lamports() != info.lamports() {
                account
                    .set_lamports(info.lamports())
                    .map_err(program_error)?;
            }
            let data = info.try_borrow_data()?;
            if account.get_data() != *data {
                if account.can_data_be_resized(data.len()).is_err() {
                    return Err(ProgramError::AccountDataTooSmall);
                }
                account.set_data_from_slice(&data).map_err(program_error)?;
            }
            if account.get_owner() != info.owner {
                account
                    .set_owner(info.owner.as_ref())
                    .map_err(program_error)?;
            }
            if meta.is_writable() {
                writable.push((meta.index_in_transaction, at));
            }
        }
    }

    let mut units = 0;
    ctx.process_instruction(&mut units, &mut ExecuteTimings::default())
        .map_err(program_error)?;

    // Callee's changes out.
    let tc = &ctx.transaction_context;
    let current = tc
        .get_current_instruction_context()
        .map_err(program_error)?;
    for (index_in_transaction, at) in writable {
        let in_caller = current
            .get_index_of_account_in_instruction(index_in_transaction)
            .map_err(program_error)?;
        let account = current
            .try_borrow_instruction_account(in_caller)
            .map_err(program_error)?;
        let info = &account_infos[at];
        **info.try_borrow_mut_lamports()? = account.get_lamports();
        if info.owner != account.get_owner() {
            // SAFETY: an `AccountInfo`'s owner points into the serialized input buffer,
            // which the runtime lets an instruction rewrite (the System program's assign).
            #[allow(invalid_reference_casting)]
            unsafe {
                let owner = info.owner as *const Pubkey as *mut Pubkey;
                *owner = *account.get_owner();
            }
        }
        let data = account.get_data();
        if info.data_len() != data.len() {
            info.resize(data.len())?;
        }
        info.try_borrow_mut_data()?.copy_from_slice(data);
    }
    Ok(())
}

/// Signer addresses remembered per thread; past this many, forgotten and found again.
const SIGNERS_KNOWN: usize = 100_000;

/// `create_program_address(seeds, caller)`, as the runtime derives every signer of a CPI, but
/// remembered: natively its off-curve check (a point decompression) is the dearest step of a
/// CPI, and the same seeds always give the same answer. `None` for seeds it refuses.
fn signer_address(seeds: &[&[u8]], caller: &Pubkey) -> Option<Pubkey> {
    thread_local! {
        static KNOWN: RefCell<HashMap<Vec<u8>, Option<Pubkey>>> = RefCell::new(HashMap::new());
    }
    if seeds.iter().any(|seed| seed.len() > MAX_SEED_LEN) {
        return None;
    }
    // Length-prefixed seeds after the caller: one key per (caller, seeds), unambiguously.
    let mut key = caller.to_bytes().to_vec();
    for seed in seeds {
        key.push(seed.len() as u8);
        key.extend_from_slice(seed);
    }
    KNOWN.with_borrow_mut(|known| {
        if let Some(found) = known.get(&key) {
            return *found;
        }
        if known.len() >= SIGNERS_KNOWN {
            known.clear();
        }
        let found = Pubkey::create_program_address(seeds, caller).ok();
        known.insert(key, found);
        found
    })
}

fn program_error(e: InstructionError) -> ProgramError {
    ProgramError::try_from(e).unwrap_or(ProgramError::Custom(u32::MAX))
}
