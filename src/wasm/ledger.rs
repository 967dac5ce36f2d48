//! JS boundary for `crate::ledger`: converts values and maps errors only.
