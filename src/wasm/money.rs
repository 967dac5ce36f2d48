//! JS boundary for `crate::money`: converts values and maps errors only.
