//! One small blocking HTTP client for the outside services (ureq with rustls: no OpenSSL, so it
//! builds the same on the users' Windows laptops). Short timeouts, because a desk without
//! network must learn it in seconds, not minutes; callers that must not wait (the window) call
//! it from worker threads only.

use std::time::Duration;

use super::tile_source::host_of;

/// Why a service could not be used: always with the host, so a message can name it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ServiceError {
    /// No answer: no network, the host unknown or refusing, a timeout.
    #[error("{host}: {reason}")]
    Unreachable { host: String, reason: String },
    /// An answer, but not a good one.
    #[error("{host}: the service answered with HTTP status {status}")]
    Status { host: String, status: u16 },
    /// An answer in a shape we do not understand (not an image, not the documented JSON).
    #[error("{host}: {reason}")]
    Unexpected { host: String, reason: String },
}

impl ServiceError {
    pub fn host(&self) -> &str {
        match self {
            ServiceError::Unreachable { host, .. }
            | ServiceError::Status { host, .. }
            | ServiceError::Unexpected { host, .. } => host,
        }
    }

    /// Whether the network (not the request) is the problem: worth waiting before trying again.
    pub fn is_unreachable(&self) -> bool {
        matches!(self, ServiceError::Unreachable { .. })
    }
}

/// Answers larger than this are refused (a tile is ~20 kB, a search answer a few kB).
const MAX_BODY_BYTES: u64 = 16 * 1024 * 1024;

/// A blocking client with the timeouts of a desktop tool.
#[derive(Clone)]
pub struct HttpClient {
    agent: ureq::Agent,
}

impl Default for HttpClient {
    fn default() -> Self {
        HttpClient::new(Duration::from_secs(3), Duration::from_secs(10))
    }
}

impl HttpClient {
    /// `connect`: how long to wait for a connection; `total`: for the whole request.
    pub fn new(connect: Duration, total: Duration) -> HttpClient {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_connect(Some(connect))
            .timeout_global(Some(total))
            .http_status_as_error(false)
            .user_agent(concat!("gebieden/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        HttpClient { agent }
    }

    /// The body of a GET request that answered 200.
    pub fn get(&self, url: &str) -> Result<Vec<u8>, ServiceError> {
        let host = host_of(url);
        let mut response = self.agent.get(url).call().map_err(|e| unreachable(&host, e))?;
        let status = response.status().as_u16();
        if status != 200 {
            return Err(ServiceError::Status { host, status });
        }
        response
            .body_mut()
            .with_config()
            .limit(MAX_BODY_BYTES)
            .read_to_vec()
            .map_err(|e| unreachable(&host, e))
    }
}

fn unreachable(host: &str, error: ureq::Error) -> ServiceError {
    let reason = match &error {
        ureq::Error::Timeout(_) => "no answer in time".to_string(),
        ureq::Error::HostNotFound => "host not found (no network?)".to_string(),
        ureq::Error::Io(io) => match io.kind() {
            std::io::ErrorKind::ConnectionRefused => "connection refused".to_string(),
            std::io::ErrorKind::TimedOut => "no answer in time".to_string(),
            // The resolver's own words ("failed to lookup address information: Name or
            // service not known") say no more than this to a user.
            _ if io.to_string().contains("lookup") || io.to_string().contains("resolve") => {
                "host not found (no network?)".to_string()
            }
            _ => io.to_string(),
        },
        other => other.to_string(),
    };
    ServiceError::Unreachable {
        host: host.to_string(),
        reason,
    }
}
