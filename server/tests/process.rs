//! The real `loket` binary: it honours LOKET_LISTEN / LOKET_DATA_DIR, prints its URL, serves,
//! and stops cleanly on SIGTERM.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

fn http_get(address: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(address).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

#[test]
fn serves_from_env_config_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(
        dist.join("index.html"),
        "<title>{{MUNICIPALITY_NAME}}</title>",
    )
    .unwrap();
    let data_dir = dir.path().join("data");

    let mut child = Command::new(env!("CARGO_BIN_EXE_loket"))
        .args(["serve", "--assets"])
        .arg(&dist)
        .env("LOKET_LISTEN", "127.0.0.1:0")
        .env("LOKET_DATA_DIR", &data_dir)
        .env("LOKET_MUNICIPALITY_NAME", "Gemeente Proef")
        .env("LOKET_DEMO_CATALOGUE", "false")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut first_line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first_line)
        .unwrap();
    let url = first_line
        .trim()
        .strip_prefix("Loket draait op ")
        .unwrap_or_else(|| panic!("unexpected first line: {first_line:?}"));
    let address = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    assert!(
        !address.ends_with(":0"),
        "the printed URL names the real port"
    );

    let page = http_get(&address, "/");
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(page.contains("<title>Gemeente Proef</title>"));
    let ready = http_get(&address, "/readyz");
    assert!(ready.starts_with("HTTP/1.1 200"), "{ready}");
    assert!(
        data_dir.join("loket.sqlite3").exists(),
        "SQLite file in LOKET_DATA_DIR"
    );

    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert!(
        status.success(),
        "graceful shutdown exits 0, got {status:?}"
    );
}
