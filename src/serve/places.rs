//! The places for connections. At most a fixed number of connections are served at
//! once. When every place is taken, a new connection gets the place of the one that
//! has waited longest for a request, which is closed: so connections that send
//! nothing, or half a request, can never keep pages out, however many a program
//! opens and however fast it opens them again. A connection being answered (a page
//! being sent, an open page's event stream) keeps its place. Only when every
//! connection is being answered is a new one told the server is busy.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use hyper::body::{Bytes, Frame, SizeHint};
use tokio::sync::{Notify, OwnedSemaphorePermit, Semaphore};

use super::body::Body;

/// How long a new connection waits for the place of a connection it had closed.
const MAKING_ROOM: Duration = Duration::from_secs(1);

/// Counts moments, in order: which connection went quiet first.
static CLOCK: AtomicU64 = AtomicU64::new(0);

fn now() -> u64 {
    CLOCK.fetch_add(1, Ordering::Relaxed)
}

/// Every place, and the connections holding them.
pub struct Places {
    free: Arc<Semaphore>,
    open: Mutex<HashMap<u64, Arc<State>>>,
    next: AtomicU64,
}

/// What the places know of one connection.
struct State {
    /// How many of its requests are being answered.
    answering: AtomicUsize,
    /// When it last had nothing to answer (from [`now`]).
    quiet_since: AtomicU64,
    /// Set once it was asked to close.
    closing: AtomicBool,
    /// Wakes the connection when it must close.
    close: Notify,
}

/// A connection's place, freed when dropped.
pub struct Place {
    id: u64,
    state: Arc<State>,
    places: Arc<Places>,
    _permit: OwnedSemaphorePermit,
}

impl Places {
    /// `count` places.
    pub fn new(count: usize) -> Arc<Places> {
        Arc::new(Places {
            free: Arc::new(Semaphore::new(count)),
            open: Mutex::new(HashMap::new()),
            next: AtomicU64::new(0),
        })
    }

    /// A free place, if there is one.
    pub fn take_free(self: &Arc<Self>) -> Option<Place> {
        let permit = Arc::clone(&self.free).try_acquire_owned().ok()?;
        Some(self.hold(permit))
    }

    /// The place that [`Places::make_room`] made, once it is free (places go to
    /// the connections waiting for one in the order they came).
    pub async fn take_made_room(self: &Arc<Self>) -> Option<Place> {
        let free = Arc::clone(&self.free).acquire_owned();
        let permit = tokio::time::timeout(MAKING_ROOM, free).await.ok()?.ok()?;
        Some(self.hold(permit))
    }

    fn hold(self: &Arc<Self>, permit: OwnedSemaphorePermit) -> Place {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let state = Arc::new(State {
            answering: AtomicUsize::new(0),
            quiet_since: AtomicU64::new(now()),
            closing: AtomicBool::new(false),
            close: Notify::new(),
        });
        self.open().insert(id, Arc::clone(&state));
        Place {
            id,
            state,
            places: Arc::clone(self),
            _permit: permit,
        }
    }

    /// Asks the connection that has been quiet longest to close; false when every
    /// connection is being answered (or already asked).
    pub fn make_room(&self) -> bool {
        let open = self.open();
        let quietest = open
            .values()
            .filter(|s| {
                s.answering.load(Ordering::Acquire) == 0 && !s.closing.load(Ordering::Acquire)
            })
            .min_by_key(|s| s.quiet_since.load(Ordering::Acquire));
        match quietest {
            Some(state) => {
                state.closing.store(true, Ordering::Release);
                state.close.notify_one();
                true
            }
            None => false,
        }
    }

    fn open(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Arc<State>>> {
        self.open.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Drop for Place {
    fn drop(&mut self) {
        self.places.open().remove(&self.id);
    }
}

impl Place {
    /// Notes that a request of this connection is being answered, until the
    /// returned value (kept with the answer's body) is dropped.
    pub fn answering(&self) -> Answering {
        self.state.answering.fetch_add(1, Ordering::AcqRel);
        Answering(Arc::clone(&self.state))
    }

    /// True while no request of this connection is being answered.
    pub fn is_quiet(&self) -> bool {
        self.state.answering.load(Ordering::Acquire) == 0
    }

    /// Ends when this connection is asked to close, to make room for a new one.
    pub async fn asked_to_close(&self) {
        self.state.close.notified().await;
    }
}

/// A request being answered: see [`Place::answering`].
pub struct Answering(Arc<State>);

impl Drop for Answering {
    fn drop(&mut self) {
        if self.0.answering.fetch_sub(1, Ordering::AcqRel) == 1 {
            self.0.quiet_since.store(now(), Ordering::Release);
        }
    }
}

/// An answer's body, with the note that its request is being answered: hyper drops
/// the body once it is sent (or the connection is gone).
pub struct Answer {
    body: Body,
    _answering: Answering,
}

impl Answer {
    /// `body`, answering until it is sent.
    pub fn new(body: Body, answering: Answering) -> Answer {
        Answer {
            body,
            _answering: answering,
        }
    }
}

impl hyper::body::Body for Answer {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, std::io::Error>>> {
        Pin::new(&mut self.get_mut().body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

/// Serves `connection` until it ends, or until its place is wanted while it has
/// nothing to answer: then it is closed at once. If a request came in meanwhile,
/// `close_after_answer` is called and the answer is sent first.
pub async fn until_closed<C: Future>(
    place: &Place,
    mut connection: Pin<&mut C>,
    close_after_answer: impl FnOnce(Pin<&mut C>),
) {
    let mut asked = std::pin::pin!(place.asked_to_close());
    let mut close_after_answer = Some(close_after_answer);
    std::future::poll_fn(|cx| {
        if connection.as_mut().poll(cx).is_ready() {
            return Poll::Ready(());
        }
        if close_after_answer.is_some() && asked.as_mut().poll(cx).is_ready() {
            if place.is_quiet() {
                return Poll::Ready(());
            }
            if let Some(close) = close_after_answer.take() {
                close(connection.as_mut());
            }
            if connection.as_mut().poll(cx).is_ready() {
                return Poll::Ready(());
            }
        }
        Poll::Pending
    })
    .await;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A place as the server finds one for a new connection: a free one, or the
    /// place of the connection quiet longest; `None` when every one is answering.
    async fn take(places: &Arc<Places>) -> Option<Place> {
        if let Some(place) = places.take_free() {
            return Some(place);
        }
        if !places.make_room() {
            return None;
        }
        places.take_made_room().await
    }

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap()
    }

    /// Holds `place` until it is asked to close; says so on `closed`.
    fn held(place: Place, closed: Arc<AtomicBool>) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            place.asked_to_close().await;
            closed.store(true, Ordering::Release);
            drop(place);
        })
    }

    #[test]
    fn a_new_connection_takes_the_place_of_the_one_quiet_longest() {
        runtime().block_on(async {
            let places = Places::new(2);
            let first = places.take_free().unwrap();
            let second = places.take_free().unwrap();
            assert!(places.take_free().is_none());
            // The first answers a request, and is quiet again after the second.
            drop(first.answering());
            let (first_closed, second_closed) = (Arc::default(), Arc::default());
            let tasks = [
                held(first, Arc::clone(&first_closed)),
                held(second, Arc::clone(&second_closed)),
            ];
            let third = take(&places).await;
            assert!(third.is_some());
            assert!(second_closed.load(Ordering::Acquire));
            assert!(!first_closed.load(Ordering::Acquire));
            drop(third);
            for task in tasks {
                task.abort();
            }
        });
    }

    #[test]
    fn a_connection_being_answered_keeps_its_place() {
        runtime().block_on(async {
            let places = Places::new(2);
            let streaming = places.take_free().unwrap();
            let quiet = places.take_free().unwrap();
            let answering = streaming.answering();
            let (streaming_closed, quiet_closed) = (Arc::default(), Arc::default());
            let tasks = [
                held(streaming, Arc::clone(&streaming_closed)),
                held(quiet, Arc::clone(&quiet_closed)),
            ];
            let third = take(&places).await.expect("the quiet one made room");
            assert!(quiet_closed.load(Ordering::Acquire));
            assert!(!streaming_closed.load(Ordering::Acquire));
            // Now both are being answered: the next connection is told "busy".
            let busy = third.answering();
            assert!(take(&places).await.is_none());
            assert!(!streaming_closed.load(Ordering::Acquire));
            drop((busy, answering, third));
            for task in tasks {
                task.abort();
            }
        });
    }
}
