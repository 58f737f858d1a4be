//! A fake Asterisk manager port for the connector's tests (127.0.0.1 only).

pub mod astdb;
pub mod calls;
pub mod model;
pub mod script;
pub mod server;
pub mod tls;

pub use script::Script;
pub use server::FakeAmi;
