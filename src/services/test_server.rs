//! A small HTTP server on 127.0.0.1 for tests and benchmarks: the machines that test gebieden
//! have no internet, so tile and search services are served locally in the shape PDOK serves
//! them. Not for production use (one request per connection, no keep-alive).

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// What the server answers for a path (with its query): content type and body, or 404.
pub type Handler = dyn Fn(&str) -> Option<(&'static str, Vec<u8>)> + Send + Sync;

/// A running server; it stops when dropped.
pub struct TestServer {
    port: u16,
    requests: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl TestServer {
    /// Listens on a free port of 127.0.0.1.
    pub fn start(handler: impl Fn(&str) -> Option<(&'static str, Vec<u8>)> + Send + Sync + 'static) -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| {
            // Only tests and benches start a test server; without a loopback port they cannot run.
            eprintln!("test server: {e}");
            std::process::exit(2)
        });
        let port = listener.local_addr().map(|a| a.port()).unwrap_or(0);
        let requests = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let handler: Arc<Handler> = Arc::new(handler);
        let thread = {
            let requests = requests.clone();
            let stop = stop.clone();
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::Relaxed) {
                        return;
                    }
                    let Ok(stream) = stream else { continue };
                    let requests = requests.clone();
                    let handler = handler.clone();
                    std::thread::spawn(move || answer(stream, &requests, &*handler));
                }
            })
        };
        TestServer {
            port,
            requests,
            stop,
            thread: Some(thread),
        }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The paths asked for so far.
    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().map(|r| r.clone()).unwrap_or_default()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        // Wakes the accept loop so it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn answer(stream: TcpStream, requests: &Mutex<Vec<String>>, handler: &Handler) {
    let mut reader = BufReader::new(&stream);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    // Headers up to the blank line.
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
        line.clear();
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/").to_string();
    if let Ok(mut r) = requests.lock() {
        r.push(path.clone());
    }
    let (status, content_type, body) = match handler(&path) {
        Some((content_type, body)) => ("200 OK", content_type, body),
        None => ("404 Not Found", "text/plain", b"not found".to_vec()),
    };
    let mut stream = &stream;
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nAccess-Control-Allow-Origin: *\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
    let _ = stream.flush();
}

/// A recognisable 256 × 256 test tile: `colour` with a darker border and a diagonal, so tile
/// edges and orientation show in a screenshot.
pub fn test_tile_png(colour: [u8; 3]) -> Vec<u8> {
    let dark = colour.map(|c| c / 2);
    let image = image::RgbaImage::from_fn(256, 256, |x, y| {
        let edge = x < 2 || y < 2 || x > 253 || y > 253 || x.abs_diff(y) < 2;
        let [r, g, b] = if edge { dark } else { colour };
        image::Rgba([r, g, b, 255])
    });
    let mut bytes = Vec::new();
    let _ = image.write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png);
    bytes
}
