//! JS boundary for `crate::identity`: converts values and maps errors only.
