//! Typed identifiers. Each is a plain integer so events stay `Copy`-cheap and the engine can
//! use agents and queues as vector indices; the [`crate::Topology`] holds their names.

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident($repr:ty)) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub $repr);

        impl $name {
            /// The id as a vector index (ids are dense, allocated from zero).
            pub const fn index(self) -> usize {
                self.0 as usize
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}#{}", stringify!($name), self.0)
            }
        }
    };
}

id_type!(
    /// A site (data centre / floor), e.g. north, east, south.
    SiteId(u16)
);
id_type!(
    /// A skill queue at one site.
    QueueId(u16)
);
id_type!(
    /// An agent (a human who answers calls).
    AgentId(u32)
);
id_type!(
    /// One caller's call, from IVR to completion. Transfers keep the same id.
    CallId(u64)
);
id_type!(
    /// A supervisor user of the console.
    SupervisorId(u32)
);
id_type!(
    /// One supervisor's monitoring session on one call.
    MonitorSessionId(u64)
);
