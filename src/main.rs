//! The `dorkarta` binary: a thin command line over the library. All it does is in [`cli`].

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
