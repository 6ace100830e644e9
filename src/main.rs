//! The `dorkarta` binary: a thin command line over the library. All it does is in [`cli`].

mod cli;

/// mimalloc instead of the system allocator: the pipeline makes about 50,000 small allocations
/// per document (strings, glyph runs, XML nodes), and glibc's malloc took a fifth of the
/// instructions of a batch (callgrind, 20 sample documents).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
