//! Natively, the programs' `msg!` logs are printed to this process's stdout. While the embedded
//! runtime or the local node runs, [`QuietStdout`] points stdout at /dev/null so what the CLI
//! prints stays readable; the transactions still carry their logs.

use std::{fs::File, io::Write, os::fd::FromRawFd};

/// Stdout sent to /dev/null until dropped; then it is flushed and restored.
pub struct QuietStdout {
    /// A duplicate of the real stdout, taken before it was redirected.
    saved: i32,
}

impl QuietStdout {
    /// Redirects stdout, or `None` (stdout left as it is) if a descriptor cannot be had.
    pub fn new() -> Option<Self> {
        let _ = std::io::stdout().flush();
        // SAFETY: `dup`, `open`, `dup2` and `close` act only on descriptors this function owns
        // or on fd 1, and every result is checked before use. Replacing fd 1 is sound for Rust's
        // `Stdout`, which holds no descriptor of its own: it writes to fd 1, now /dev/null. It
        // was flushed just above, so no buffered output goes to the wrong place.
        unsafe {
            let saved = libc::dup(1);
            if saved < 0 {
                return None;
            }
            let null = libc::open(c"/dev/null".as_ptr(), libc::O_WRONLY);
            if null < 0 || libc::dup2(null, 1) < 0 {
                libc::close(saved);
                if null >= 0 {
                    libc::close(null);
                }
                return None;
            }
            libc::close(null);
            Some(QuietStdout { saved })
        }
    }

    /// The real stdout, for what must reach the user while this one is quiet.
    pub fn real(&self) -> Option<File> {
        // SAFETY: `dup` returns a new descriptor (checked), which the returned `File` owns
        // and closes; `self.saved` stays open for `drop`.
        unsafe {
            let fd = libc::dup(self.saved);
            (fd >= 0).then(|| File::from_raw_fd(fd))
        }
    }
}

impl Drop for QuietStdout {
    fn drop(&mut self) {
        let _ = std::io::stdout().flush();
        // SAFETY: `self.saved` is the descriptor `new` duplicated from the real stdout and
        // nothing else closed it; putting it back on fd 1 and closing the copy restores the
        // state before `new`.
        unsafe {
            libc::dup2(self.saved, 1);
            libc::close(self.saved);
        }
    }
}
