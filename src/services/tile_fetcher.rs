//! Tiles fetched in the background for a window that must never wait: a few worker threads
//! (a bounded number of parallel requests), newest requests first (the view the user looks at
//! now, not the one they panned past), each tile from the disk cache when it is there, else
//! from the service, decoded before it is handed over. Without network the fetcher says so
//! once, serves what the cache holds, and tries the service again after a while.
//!
//! Printed maps, which must have every tile or say why not, use `fetch_tiles` instead.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use super::{DecodedTile, HttpClient, ServiceError, TileCache, TileKey, TileSource};

/// Parallel requests to the tile service (PDOK's fair use; browsers use 6 per host).
const WORKERS: usize = 4;
/// Requests waiting beyond this are dropped, oldest first: they are for views long gone.
const MAX_QUEUED: usize = 512;
/// After the network failed, how long to serve only the cache before trying again.
const OFFLINE_RETRY: Duration = Duration::from_secs(30);

/// A tile ready to draw.
pub struct FetchedTile {
    pub key: TileKey,
    pub tile: DecodedTile,
}

#[derive(Default)]
struct Queue {
    waiting: VecDeque<TileKey>,
    /// Waiting or being fetched: asked for once only.
    pending: HashSet<TileKey>,
    /// Tiles that failed, and when: not asked for again until the retry time has passed.
    failed: HashMap<TileKey, Instant>,
    /// While set and in the future, the service is not asked (only the cache).
    offline_until: Option<Instant>,
    /// The last failure, for the status bar; cleared by the next tile from the service.
    problem: Option<ServiceError>,
}

struct Shared {
    source: TileSource,
    cache: Option<TileCache>,
    client: HttpClient,
    queue: Mutex<Queue>,
    wake: Condvar,
    stop: AtomicBool,
    /// One tile decoded at a time: requests wait on the network in parallel, but decoding is
    /// work for the CPU, and the window's own thread must keep a core to itself.
    decoding: Mutex<()>,
}

/// Background fetching of one tile source's tiles (a new style is a new fetcher).
pub struct TileFetcher {
    shared: Arc<Shared>,
    results: mpsc::Receiver<FetchedTile>,
    _workers: Vec<std::thread::JoinHandle<()>>,
}

impl TileFetcher {
    /// Starts the workers. `on_tile` is called from a worker after each tile arrives (e.g. to
    /// wake the window's event loop).
    pub fn new(
        source: TileSource,
        cache: Option<TileCache>,
        client: HttpClient,
        on_tile: Arc<dyn Fn() + Send + Sync>,
    ) -> TileFetcher {
        let shared = Arc::new(Shared {
            source,
            cache,
            client,
            queue: Mutex::new(Queue::default()),
            wake: Condvar::new(),
            stop: AtomicBool::new(false),
            decoding: Mutex::new(()),
        });
        let (sender, results) = mpsc::channel();
        let workers = (0..WORKERS)
            .filter_map(|i| {
                let shared = shared.clone();
                let sender = sender.clone();
                let on_tile = on_tile.clone();
                std::thread::Builder::new()
                    .name(format!("tiles-{i}"))
                    .spawn(move || work(&shared, &sender, &*on_tile))
                    .ok()
            })
            .collect();
        TileFetcher {
            shared,
            results,
            _workers: workers,
        }
    }

    pub fn source(&self) -> &TileSource {
        &self.shared.source
    }

    /// Asks for a tile; cheap to call every frame for every tile in view (a tile already asked
    /// for, or failed a moment ago, is not asked for again).
    pub fn request(&self, key: TileKey) {
        if !key.is_valid() {
            return;
        }
        let mut queue = lock(&self.shared.queue);
        if queue.pending.contains(&key) {
            return;
        }
        if let Some(failed_at) = queue.failed.get(&key) {
            if failed_at.elapsed() < OFFLINE_RETRY {
                return;
            }
            queue.failed.remove(&key);
        }
        queue.pending.insert(key);
        queue.waiting.push_back(key);
        while queue.waiting.len() > MAX_QUEUED {
            if let Some(dropped) = queue.waiting.pop_front() {
                queue.pending.remove(&dropped);
            }
        }
        drop(queue);
        self.shared.wake.notify_one();
    }

    /// The tiles that arrived since the last call.
    pub fn arrived(&self) -> Vec<FetchedTile> {
        self.results.try_iter().collect()
    }

    /// What went wrong last, while it still applies (`None` once tiles arrive again).
    pub fn problem(&self) -> Option<ServiceError> {
        lock(&self.shared.queue).problem.clone()
    }

    /// Requests waiting or under way.
    pub fn pending(&self) -> usize {
        lock(&self.shared.queue).pending.len()
    }
}

impl Drop for TileFetcher {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Relaxed);
        self.shared.wake.notify_all();
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

fn work(shared: &Shared, sender: &mpsc::Sender<FetchedTile>, on_tile: &(dyn Fn() + Send + Sync)) {
    loop {
        let (key, offline) = {
            let mut queue = lock(&shared.queue);
            loop {
                if shared.stop.load(Ordering::Relaxed) {
                    return;
                }
                // Newest first: the tiles of the view on screen now.
                if let Some(key) = queue.waiting.pop_back() {
                    let offline = queue.offline_until.is_some_and(|t| Instant::now() < t);
                    break (key, offline);
                }
                queue = shared.wake.wait(queue).unwrap_or_else(|e| e.into_inner());
            }
        };
        let outcome = fetch_one(shared, key, offline);
        let mut queue = lock(&shared.queue);
        queue.pending.remove(&key);
        match outcome {
            Ok((tile, from_service)) => {
                if from_service {
                    queue.problem = None;
                    queue.offline_until = None;
                }
                drop(queue);
                if sender.send(FetchedTile { key, tile }).is_err() {
                    return;
                }
                on_tile();
            }
            Err(error) => {
                queue.failed.insert(key, Instant::now());
                if let Some(error) = error {
                    if error.is_unreachable() {
                        queue.offline_until = Some(Instant::now() + OFFLINE_RETRY);
                    }
                    queue.problem = Some(error);
                }
                drop(queue);
                // The status bar shows the problem.
                on_tile();
            }
        }
    }
}

/// A tile from the cache, else (unless offline) from the service; `Err(None)` when offline and
/// not cached (nothing new to say).
fn fetch_one(
    shared: &Shared,
    key: TileKey,
    offline: bool,
) -> Result<(DecodedTile, bool), Option<ServiceError>> {
    let decode = |bytes: &[u8]| {
        let _one_at_a_time = lock(&shared.decoding);
        super::decode_tile(bytes)
    };
    if let Some(bytes) = shared.cache.as_ref().and_then(|c| c.get(&shared.source, key))
        && let Ok(tile) = decode(&bytes)
    {
        return Ok((tile, false));
    }
    if offline {
        return Err(None);
    }
    let bytes = fetch_from_service(&shared.client, &shared.source, shared.cache.as_ref(), key)
        .map_err(Some)?;
    decode(&bytes)
        .map(|tile| (tile, true))
        .map_err(|reason| {
            Some(ServiceError::Unexpected {
                host: shared.source.host(),
                reason,
            })
        })
}

/// One tile from the service, checked to be an image and kept in the cache.
fn fetch_from_service(
    client: &HttpClient,
    source: &TileSource,
    cache: Option<&TileCache>,
    key: TileKey,
) -> Result<Vec<u8>, ServiceError> {
    let bytes = client.get(&source.url(key))?;
    if !super::looks_like_image(&bytes) {
        return Err(ServiceError::Unexpected {
            host: source.host(),
            reason: format!("tile {}/{}/{} is not an image", key.level, key.column, key.row),
        });
    }
    if let Some(cache) = cache {
        // A cache that cannot be written (full disk, read-only folder) costs speed, not the map.
        let _ = cache.put(source, key, &bytes);
    }
    Ok(bytes)
}

/// Every tile of `keys`, from the cache or the service, for a printed map: all or an error.
/// A few requests run in parallel; the first failure ends the fetching.
pub fn fetch_tiles(
    source: &TileSource,
    cache: Option<&TileCache>,
    client: &HttpClient,
    keys: &[TileKey],
) -> Result<Vec<(TileKey, Vec<u8>)>, ServiceError> {
    let next = Mutex::new(keys.iter().copied());
    let failed: Mutex<Option<ServiceError>> = Mutex::new(None);
    let fetched = Mutex::new(Vec::with_capacity(keys.len()));
    std::thread::scope(|scope| {
        for _ in 0..WORKERS.min(keys.len().max(1)) {
            scope.spawn(|| {
                loop {
                    if lock(&failed).is_some() {
                        return;
                    }
                    let Some(key) = lock(&next).next() else {
                        return;
                    };
                    let cached = cache
                        .and_then(|c| c.get(source, key))
                        .filter(|b| super::looks_like_image(b));
                    let bytes = match cached {
                        Some(bytes) => Ok(bytes),
                        None => fetch_from_service(client, source, cache, key),
                    };
                    match bytes {
                        Ok(bytes) => lock(&fetched).push((key, bytes)),
                        Err(error) => {
                            lock(&failed).get_or_insert(error);
                            return;
                        }
                    }
                }
            });
        }
    });
    if let Some(error) = failed.into_inner().unwrap_or_else(|e| e.into_inner()) {
        return Err(error);
    }
    let mut fetched = fetched.into_inner().unwrap_or_else(|e| e.into_inner());
    fetched.sort_by_key(|(key, _)| *key);
    Ok(fetched)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::BasemapStyle;
    use crate::services::test_server::{TestServer, test_tile_png};

    fn source(server: &TestServer) -> TileSource {
        TileSource {
            template: format!("{}/tiles/{{z}}/{{x}}/{{y}}.png", server.url()),
            style: BasemapStyle::Grijs,
        }
    }

    fn wait_for(fetcher: &TileFetcher, count: usize) -> Vec<FetchedTile> {
        let started = Instant::now();
        let mut tiles = Vec::new();
        while tiles.len() < count && started.elapsed() < Duration::from_secs(10) {
            tiles.extend(fetcher.arrived());
            std::thread::sleep(Duration::from_millis(5));
        }
        tiles
    }

    #[test]
    fn tiles_arrive_decoded_and_are_then_served_from_the_cache_offline() {
        let server = TestServer::start(|path| {
            path.starts_with("/tiles/").then(|| ("image/png", test_tile_png([200, 30, 30])))
        });
        let dir = tempfile::tempdir().unwrap();
        let keys: Vec<TileKey> = (0..3).map(|column| TileKey { level: 5, column, row: 7 }).collect();
        let fetcher = TileFetcher::new(
            source(&server),
            Some(TileCache::new(dir.path(), DEFAULT)),
            HttpClient::default(),
            Arc::new(|| {}),
        );
        for &key in &keys {
            fetcher.request(key);
            fetcher.request(key);
        }
        let tiles = wait_for(&fetcher, 3);
        assert_eq!(tiles.len(), 3);
        assert_eq!(server.requests().len(), 3, "each tile asked once");
        assert_eq!((tiles[0].tile.width, tiles[0].tile.height), (256, 256));
        let middle = (128 * 256 + 100) * 4;
        assert_eq!(&tiles[0].tile.rgba[middle..middle + 3], &[200, 30, 30]);

        // The server is gone: the same tiles come from the disk cache, a new one is a problem.
        let template = source(&server);
        drop(server);
        let fetcher = TileFetcher::new(
            template,
            Some(TileCache::new(dir.path(), DEFAULT)),
            HttpClient::default(),
            Arc::new(|| {}),
        );
        for &key in &keys {
            fetcher.request(key);
        }
        assert_eq!(wait_for(&fetcher, 3).len(), 3);
        fetcher.request(TileKey { level: 5, column: 9, row: 9 });
        let started = Instant::now();
        while fetcher.problem().is_none() && started.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(5));
        }
        let problem = fetcher.problem().unwrap();
        assert!(problem.is_unreachable(), "{problem}");
    }

    const DEFAULT: u64 = crate::services::DEFAULT_CACHE_BYTES;

    #[test]
    fn a_printed_map_gets_every_tile_or_the_reason() {
        let server = TestServer::start(|path| {
            (path != "/tiles/5/1/1.png").then(|| ("image/png", test_tile_png([0, 0, 200])))
        });
        let keys = [TileKey { level: 5, column: 0, row: 1 }, TileKey { level: 5, column: 2, row: 1 }];
        let tiles = fetch_tiles(&source(&server), None, &HttpClient::default(), &keys).unwrap();
        assert_eq!(tiles.iter().map(|(k, _)| *k).collect::<Vec<_>>(), keys);
        let missing = [TileKey { level: 5, column: 1, row: 1 }];
        let error = fetch_tiles(&source(&server), None, &HttpClient::default(), &missing).unwrap_err();
        assert_eq!(error, ServiceError::Status { host: source(&server).host(), status: 404 });
    }

    #[test]
    fn an_html_page_is_not_a_tile() {
        let server = TestServer::start(|_| Some(("text/html", b"<html>onderhoud</html>".to_vec())));
        let keys = [TileKey { level: 1, column: 0, row: 0 }];
        let error = fetch_tiles(&source(&server), None, &HttpClient::default(), &keys).unwrap_err();
        assert!(error.to_string().contains("not an image"), "{error}");
    }
}
