//! Virus scanning with ClamAV's daemon (`clamd`, Debian `clamav-daemon`) over its INSTREAM
//! protocol: the file is streamed from disk in chunks, so even a 2 GiB upload never sits in
//! memory. clamd's `StreamMaxLength` must be at least the largest upload allowed; a file clamd
//! refuses to read whole is treated as not scanned (the resident is asked to try again) rather
//! than as clean.

use std::path::Path;
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

/// Bytes per INSTREAM chunk.
const CHUNK: usize = 64 * 1024;
/// Connecting and the daemon's answer after the last chunk (it scans while receiving).
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
const VERDICT_TIMEOUT: Duration = Duration::from_secs(120);
/// Longest reply read from clamd.
const MAX_REPLY: usize = 1024;

/// Where clamd listens: `tcp://host:port` or `unix:/path/to/clamd.ctl` (`LOKET_CLAMAV`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClamdAddress {
    Tcp(String),
    Unix(std::path::PathBuf),
}

impl std::str::FromStr for ClamdAddress {
    type Err = String;

    fn from_str(value: &str) -> Result<ClamdAddress, String> {
        if let Some(address) = value.strip_prefix("tcp://") {
            Ok(ClamdAddress::Tcp(address.trim_end_matches('/').to_owned()))
        } else if let Some(path) = value.strip_prefix("unix:") {
            Ok(ClamdAddress::Unix(path.trim_start_matches("//").into()))
        } else {
            Err(format!(
                "LOKET_CLAMAV must be tcp://host:port or unix:/path (got {value:?})"
            ))
        }
    }
}

/// What clamd said of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Clean,
    /// The signature's name, e.g. `Eicar-Test-Signature`.
    Infected(String),
}

#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error("clamd unreachable: {0}")]
    Unreachable(String),
    #[error("clamd did not answer in time")]
    Timeout,
    #[error("clamd could not scan the file: {0}")]
    Refused(String),
    #[error("reading the upload: {0}")]
    File(std::io::Error),
}

#[derive(Debug, Clone)]
pub struct Scanner {
    address: ClamdAddress,
}

impl Scanner {
    pub fn new(address: ClamdAddress) -> Scanner {
        Scanner { address }
    }

    /// Scans a file on disk.
    pub async fn scan_file(&self, path: &Path) -> Result<Verdict, ScanError> {
        let file = tokio::fs::File::open(path).await.map_err(ScanError::File)?;
        match &self.address {
            ClamdAddress::Tcp(address) => {
                let stream = tokio::time::timeout(
                    CONNECT_TIMEOUT,
                    tokio::net::TcpStream::connect(address.as_str()),
                )
                .await
                .map_err(|_| ScanError::Timeout)?
                .map_err(|e| ScanError::Unreachable(e.to_string()))?;
                instream(stream, file).await
            }
            ClamdAddress::Unix(path) => {
                let stream =
                    tokio::time::timeout(CONNECT_TIMEOUT, tokio::net::UnixStream::connect(path))
                        .await
                        .map_err(|_| ScanError::Timeout)?
                        .map_err(|e| ScanError::Unreachable(e.to_string()))?;
                instream(stream, file).await
            }
        }
    }
}

/// `zINSTREAM\0`, then `<u32 big-endian length><bytes>` chunks, then a zero length; clamd
/// answers `stream: OK\0` or `stream: <signature> FOUND\0` (or an error text).
async fn instream<S, R>(mut stream: S, mut file: R) -> Result<Verdict, ScanError>
where
    S: AsyncRead + AsyncWrite + Unpin,
    R: AsyncRead + Unpin,
{
    let io = |e: std::io::Error| ScanError::Unreachable(e.to_string());
    stream.write_all(b"zINSTREAM\0").await.map_err(io)?;
    let mut buffer = vec![0u8; CHUNK];
    loop {
        let read = file.read(&mut buffer).await.map_err(ScanError::File)?;
        if read == 0 {
            break;
        }
        let length = u32::try_from(read).map_err(|e| ScanError::Refused(e.to_string()))?;
        // clamd closes the connection once a stream exceeds StreamMaxLength; its reply says so.
        if stream.write_all(&length.to_be_bytes()).await.is_err()
            || stream.write_all(&buffer[..read]).await.is_err()
        {
            break;
        }
    }
    let _ = stream.write_all(&0u32.to_be_bytes()).await;
    let _ = stream.flush().await;
    let mut reply = Vec::new();
    tokio::time::timeout(VERDICT_TIMEOUT, async {
        let mut byte = [0u8; 256];
        while reply.len() < MAX_REPLY {
            let n = stream.read(&mut byte).await.map_err(io)?;
            if n == 0 {
                break;
            }
            reply.extend_from_slice(&byte[..n]);
            if reply.contains(&0) {
                break;
            }
        }
        Ok::<(), ScanError>(())
    })
    .await
    .map_err(|_| ScanError::Timeout)??;
    parse_reply(&reply)
}

fn parse_reply(reply: &[u8]) -> Result<Verdict, ScanError> {
    let text = String::from_utf8_lossy(reply);
    let text = text.trim_end_matches(['\0', '\n']).trim();
    let answer = text.strip_prefix("stream:").unwrap_or(text).trim();
    if answer == "OK" {
        Ok(Verdict::Clean)
    } else if let Some(signature) = answer.strip_suffix(" FOUND") {
        Ok(Verdict::Infected(signature.trim().to_owned()))
    } else {
        Err(ScanError::Refused(answer.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_are_parsed() {
        assert_eq!(parse_reply(b"stream: OK\0").unwrap(), Verdict::Clean);
        assert_eq!(
            parse_reply(b"stream: Eicar-Test-Signature FOUND\0").unwrap(),
            Verdict::Infected("Eicar-Test-Signature".into())
        );
        assert!(matches!(
            parse_reply(b"INSTREAM size limit exceeded. ERROR\0"),
            Err(ScanError::Refused(_))
        ));
        assert!(matches!(parse_reply(b""), Err(ScanError::Refused(_))));
    }

    #[test]
    fn addresses_are_parsed() {
        assert_eq!(
            "tcp://127.0.0.1:3310".parse::<ClamdAddress>().unwrap(),
            ClamdAddress::Tcp("127.0.0.1:3310".into())
        );
        assert_eq!(
            "unix:/run/clamav/clamd.ctl"
                .parse::<ClamdAddress>()
                .unwrap(),
            ClamdAddress::Unix("/run/clamav/clamd.ctl".into())
        );
        assert!("clamd:3310".parse::<ClamdAddress>().is_err());
    }

    #[tokio::test]
    async fn the_file_is_sent_in_length_prefixed_chunks() {
        // A fake clamd on one end of an in-memory pipe: checks the framing, answers OK.
        let (client, mut server) = tokio::io::duplex(1024 * 1024);
        let content = vec![7u8; CHUNK + 10];
        let expected = content.clone();
        let fake = tokio::spawn(async move {
            let mut command = [0u8; 10];
            server.read_exact(&mut command).await.unwrap();
            assert_eq!(&command, b"zINSTREAM\0");
            let mut received = Vec::new();
            loop {
                let mut length = [0u8; 4];
                server.read_exact(&mut length).await.unwrap();
                let length = u32::from_be_bytes(length) as usize;
                if length == 0 {
                    break;
                }
                let mut chunk = vec![0u8; length];
                server.read_exact(&mut chunk).await.unwrap();
                received.extend(chunk);
            }
            server.write_all(b"stream: OK\0").await.unwrap();
            received
        });
        let verdict = instream(client, std::io::Cursor::new(content))
            .await
            .unwrap();
        assert_eq!(verdict, Verdict::Clean);
        assert_eq!(fake.await.unwrap(), expected);
    }
}
