//! The account history (交易明细): load, filter, sum and reconcile.
