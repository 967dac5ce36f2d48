//! JS boundary for `crate::family`: converts values and maps errors only.
