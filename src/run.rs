//! Ordered parallel work with bounded memory: one thread reads work items,
//! worker threads process them, and the calling thread receives the results
//! in input order.
//!
//! Items go to the workers in small batches (up to 32 items or 256 kB),
//! so that waking threads costs little per item.
//!
//! Memory stays bounded by bytes, not by a count of items: the reader waits
//! while the items read but not yet handed back add up to more than the
//! budget. The oldest item, the one every later result waits for, does not
//! count: however large or slow it is, the other workers go on with a full
//! budget of later items (no batch barrier), and only their results wait:
//! [`OrderedWriter`] keeps a few megabytes of them in memory and the rest
//! in a temporary file.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::sync::mpsc;
use std::sync::{Condvar, Mutex};

/// Items handed to a worker at once, at most: a stream of small documents
/// then costs a few thread wake-ups a batch rather than a few an item (each
/// wake-up is a system call, and the thread woken displaces a worker and
/// its cached automata).
const BATCH_ITEMS: usize = 32;

/// Bytes of items in a batch past which it is handed on: large items go
/// alone, and the workers share the work evenly.
const BATCH_BYTES: usize = 256 << 10;

/// Where `produce` puts the items it reads (see [`ordered`]): they are
/// numbered, counted against the budget and handed to the workers a batch
/// at a time.
pub struct Feed<'f, W> {
    budget: &'f Budget,
    workers: &'f mpsc::SyncSender<Vec<(u64, W)>>,
    /// Items read and numbered, not yet handed to a worker.
    batch: Vec<(u64, W)>,
    /// Their bytes.
    batch_bytes: usize,
    /// The number of the next item.
    next: u64,
}

impl<W> Feed<'_, W> {
    /// Adds `item`, of `bytes` bytes, waiting while the budget is spent;
    /// false once the run is over (the sink failed), when `produce` should
    /// stop.
    pub fn push(&mut self, item: W, bytes: usize) -> bool {
        let cost = self.budget.cost(bytes);
        let mut taken = self.budget.acquire(cost, false);
        if taken == Acquire::Full {
            // The batch's items hold budget that only their processing
            // frees: hand them on before waiting.
            if !self.hand_on() {
                return false;
            }
            taken = self.budget.acquire(cost, true);
        }
        if taken != Acquire::Taken {
            return false;
        }
        self.batch.push((self.next, item));
        self.batch_bytes += bytes;
        self.next += 1;
        if self.batch.len() >= BATCH_ITEMS || self.batch_bytes >= BATCH_BYTES {
            return self.hand_on();
        }
        true
    }

    /// Hands the items added so far to the workers now rather than when
    /// their batch is full: call it before a read that may wait, so that
    /// what was read is not held up behind input still to come. False once
    /// the run is over.
    pub fn hand_on(&mut self) -> bool {
        self.batch_bytes = 0;
        self.batch.is_empty() || self.workers.send(std::mem::take(&mut self.batch)).is_ok()
    }
}

/// What [`Budget::acquire`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Acquire {
    Taken,
    /// The item does not fit now.
    Full,
    /// The run is over.
    Aborted,
}

/// Bytes of work in flight, with a ceiling.
struct Budget {
    limit: usize,
    state: Mutex<BudgetState>,
    freed: Condvar,
}

struct BudgetState {
    /// Costs of the items read and not yet handed back, oldest first.
    costs: std::collections::VecDeque<usize>,
    /// Their sum.
    in_use: usize,
    /// The room the reader waits for, while it waits: a release wakes it
    /// only once there is that much, not at every item handed back (a
    /// condition variable's wake-up is a system call, waiter or not).
    awaited: Option<usize>,
    aborted: bool,
}

impl BudgetState {
    /// Whether `cost` fits besides the oldest item, which does not count.
    fn fits(&self, cost: usize, limit: usize) -> bool {
        let oldest = self.costs.front().copied().unwrap_or(0);
        self.in_use - oldest + cost <= limit
    }
}

impl Budget {
    fn cost(&self, bytes: usize) -> usize {
        bytes.min(self.limit).max(1)
    }

    /// Takes `cost` if it fits besides the oldest item, waiting for room
    /// if `wait` (else answering [`Acquire::Full`]). A reader that has to
    /// wait waits for room for a batch (or `cost`, if more), not for this
    /// item alone: it then reads a batch's worth before it waits again,
    /// rather than being woken for each item handed back.
    fn acquire(&self, cost: usize, wait: bool) -> Acquire {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if !state.aborted && !state.fits(cost, self.limit) {
            if !wait {
                return Acquire::Full;
            }
            let awaited = cost.max(BATCH_BYTES.min(self.limit));
            while !state.aborted && !state.fits(awaited, self.limit) {
                state.awaited = Some(awaited);
                state = self.freed.wait(state).unwrap_or_else(|e| e.into_inner());
            }
            state.awaited = None;
        }
        if state.aborted {
            return Acquire::Aborted;
        }
        state.costs.push_back(cost);
        state.in_use += cost;
        Acquire::Taken
    }

    /// The oldest item is handed back.
    fn release(&self) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(cost) = state.costs.pop_front() {
            state.in_use -= cost;
        }
        if state
            .awaited
            .is_some_and(|room| state.fits(room, self.limit))
        {
            self.freed.notify_all();
        }
    }

    fn abort(&self) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.aborted = true;
        self.freed.notify_all();
    }
}

/// Runs `process` over the items `produce` reads, on `threads` workers, and
/// hands each result to `sink` in the order the items were read. `process`
/// is given each item's place in the input (from 0).
///
/// `produce` runs on a thread of its own and pushes each item with its size
/// in bytes into the [`Feed`] it is given, until the input ends or a push
/// returns false. At most `budget` bytes of items are read and not yet sunk
/// (see the module documentation). An item waits for its batch to fill, the
/// budget to run out, the input to end or [`Feed::hand_on`] before a worker
/// takes it. The first error of `sink` ends the run and is returned.
pub fn ordered<W, R, E>(
    threads: usize,
    budget: usize,
    produce: impl FnOnce(&mut Feed<'_, W>) + Send,
    process: impl Fn(u64, W) -> R + Sync,
    mut sink: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    W: Send,
    R: Send,
{
    let budget = Budget {
        limit: budget.max(1),
        state: Mutex::new(BudgetState {
            costs: std::collections::VecDeque::new(),
            in_use: 0,
            awaited: None,
            aborted: false,
        }),
        freed: Condvar::new(),
    };
    let threads = threads.max(1);
    let (work_tx, work_rx) = mpsc::sync_channel::<Vec<(u64, W)>>(threads * 2);
    let work_rx = Mutex::new(work_rx);
    let (done_tx, done_rx) = mpsc::channel::<Vec<(u64, R)>>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let done_tx = done_tx.clone();
            let (work_rx, process) = (&work_rx, &process);
            scope.spawn(move || loop {
                let next = work_rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
                let Ok(batch) = next else { break };
                let results = batch
                    .into_iter()
                    .map(|(seq, item)| (seq, process(seq, item)))
                    .collect();
                if done_tx.send(results).is_err() {
                    break;
                }
            });
        }
        drop(done_tx);
        let budget = &budget;
        scope.spawn(move || {
            let mut feed = Feed {
                budget,
                workers: &work_tx,
                batch: Vec::new(),
                batch_bytes: 0,
                next: 0,
            };
            produce(&mut feed);
            feed.hand_on();
        });

        let mut waiting: BTreeMap<u64, R> = BTreeMap::new();
        let mut next = 0u64;
        let mut outcome = Ok(());
        for (seq, result) in done_rx.into_iter().flatten() {
            waiting.insert(seq, result);
            while let Some(result) = waiting.remove(&next) {
                next += 1;
                if outcome.is_ok() {
                    outcome = sink(result);
                    if outcome.is_err() {
                        budget.abort();
                    }
                }
                budget.release();
            }
        }
        outcome
    })
}

/// A writer that workers share, which puts their outputs in input order:
/// each item's bytes are written once every earlier item's are.
///
/// Small outputs are handed over as bytes and wait their turn in memory, up
/// to a limit ([`OrderedWriter::with_memory`]); past it they wait in a
/// temporary file, so that the workers can go on while a long item holds
/// up the output, without its followers piling up in memory. A large
/// output is written by its worker when its turn comes, straight to the
/// writer, so that it is never held whole in memory.
pub struct OrderedWriter<T: Write> {
    state: Mutex<WriterState<T>>,
    turn: Condvar,
}

/// Bytes of outputs that [`OrderedWriter::new`] lets wait in memory.
pub const WAITING_IN_MEMORY: usize = 2 << 20;

/// Written outputs' buffers kept for [`OrderedWriter::take_buffer`], so
/// that workers need not grow a fresh buffer (and have the allocator free
/// and merge large blocks) for every item. A few: each worker holds one at
/// a time, and what is kept counts against the run's memory.
const SPARE_BUFFERS: usize = 4;

/// A buffer larger than this is freed once written rather than kept, so
/// that one long item's output is not held for the rest of the run.
const SPARE_BUFFER_BYTES: usize = 1 << 20;

struct WriterState<T> {
    /// The next item to write.
    next: u64,
    /// `None` while a worker writes its turn without the lock.
    writer: Option<T>,
    waiting: BTreeMap<u64, Waiting>,
    /// Bytes of the outputs waiting in memory, and the most there may be.
    in_memory: usize,
    memory_limit: usize,
    /// Where outputs wait past the limit, made when first needed.
    spill: Option<Spill>,
    failed: Option<io::ErrorKind>,
    /// Workers waiting in [`OrderedWriter::write_in_turn`].
    waiting_turns: usize,
    /// Buffers of written outputs, emptied, for the next items.
    spare: Vec<Vec<u8>>,
}

/// An output waiting its turn.
enum Waiting {
    Held(Vec<u8>),
    /// In the spill file, at `offset`.
    Spilled {
        offset: u64,
        len: usize,
    },
}

/// A temporary file (removed by the system when closed) that outputs wait
/// in; emptied whenever nothing waits in it.
struct Spill {
    file: File,
    end: u64,
    spilled: usize,
    buffer: Vec<u8>,
}

impl<T: Write> OrderedWriter<T> {
    /// Writes to `writer`, with up to [`WAITING_IN_MEMORY`] bytes of
    /// outputs waiting in memory.
    pub fn new(writer: T) -> OrderedWriter<T> {
        OrderedWriter::with_memory(writer, WAITING_IN_MEMORY)
    }

    /// Writes to `writer`, with up to `memory_limit` bytes of outputs
    /// waiting in memory and the rest in a temporary file.
    pub fn with_memory(writer: T, memory_limit: usize) -> OrderedWriter<T> {
        OrderedWriter {
            state: Mutex::new(WriterState {
                next: 0,
                writer: Some(writer),
                waiting: BTreeMap::new(),
                in_memory: 0,
                memory_limit,
                spill: None,
                failed: None,
                waiting_turns: 0,
                spare: Vec::new(),
            }),
            turn: Condvar::new(),
        }
    }

    /// An empty buffer to write an item's output into before handing it
    /// over with [`OrderedWriter::deliver`]: one of an output already
    /// written, when one is kept, so that its room is used again.
    pub fn take_buffer(&self) -> Vec<u8> {
        self.lock().spare.pop().unwrap_or_default()
    }

    /// Hands over item `seq`'s output (empty for an item with none).
    pub fn deliver(&self, seq: u64, bytes: Vec<u8>) -> io::Result<()> {
        let mut state = self.lock();
        let result = Self::wait_or_spill(&mut state, seq, bytes)
            .and_then(|()| Self::write_waiting(&mut state));
        if let Err(e) = &result {
            state.failed.get_or_insert(e.kind());
        }
        self.wake_turns(&state);
        result
    }

    /// Wakes the workers waiting for their turn, if any: a condition
    /// variable's wake-up is a system call even when nobody waits, and
    /// most outputs are delivered, not written in turn.
    fn wake_turns(&self, state: &WriterState<T>) {
        if state.waiting_turns > 0 {
            self.turn.notify_all();
        }
    }

    /// Puts item `seq`'s output with those waiting: in memory while there
    /// is room (or when it is next), else in the spill file.
    fn wait_or_spill(state: &mut WriterState<T>, seq: u64, bytes: Vec<u8>) -> io::Result<()> {
        let fits = state.in_memory + bytes.len() <= state.memory_limit;
        if fits || seq == state.next {
            state.in_memory += bytes.len();
            state.waiting.insert(seq, Waiting::Held(bytes));
            return Ok(());
        }
        if state.spill.is_none() {
            state.spill = Some(Spill {
                file: tempfile::tempfile()?,
                end: 0,
                spilled: 0,
                buffer: Vec::new(),
            });
        }
        let spill = state.spill.as_mut().expect("made above");
        spill.file.seek(SeekFrom::Start(spill.end))?;
        spill.file.write_all(&bytes)?;
        let offset = spill.end;
        spill.end += bytes.len() as u64;
        spill.spilled += 1;
        state.waiting.insert(
            seq,
            Waiting::Spilled {
                offset,
                len: bytes.len(),
            },
        );
        Ok(())
    }

    /// Waits until every item before `seq` is written, then lets `write`
    /// write item `seq` (without holding up workers that deliver).
    pub fn write_in_turn(
        &self,
        seq: u64,
        write: impl FnOnce(&mut T) -> io::Result<()>,
    ) -> io::Result<()> {
        let mut state = self.lock();
        while state.failed.is_none() && (state.next != seq || state.writer.is_none()) {
            state.waiting_turns += 1;
            state = self.turn.wait(state).unwrap_or_else(|e| e.into_inner());
            state.waiting_turns -= 1;
        }
        if let Some(kind) = state.failed {
            return Err(kind.into());
        }
        let mut writer = state
            .writer
            .take()
            .expect("the writer is back between turns");
        drop(state);
        // The writer must come back even if `write` panics, or the workers
        // waiting for their turn would wait for ever.
        let written = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| write(&mut writer)));
        let mut state = self.lock();
        state.writer = Some(writer);
        let written = match written {
            Ok(written) => written,
            Err(panic) => {
                state.failed = Some(io::ErrorKind::Other);
                drop(state);
                self.turn.notify_all();
                std::panic::resume_unwind(panic);
            }
        };
        state.next += 1;
        let result = match written {
            Ok(()) => Self::write_waiting(&mut state),
            Err(e) => {
                state.failed = Some(e.kind());
                Err(e)
            }
        };
        self.wake_turns(&state);
        result
    }

    /// The writer, once every item is written.
    pub fn into_inner(self) -> io::Result<T> {
        let state = self.state.into_inner().unwrap_or_else(|e| e.into_inner());
        if let Some(kind) = state.failed {
            return Err(kind.into());
        }
        Ok(state.writer.expect("no turn is being written"))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, WriterState<T>> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Writes what waits, in order, while the writer is free.
    fn write_waiting(state: &mut WriterState<T>) -> io::Result<()> {
        if let Some(kind) = state.failed {
            return Err(kind.into());
        }
        let Some(writer) = state.writer.as_mut() else {
            return Ok(());
        };
        let mut wrote = false;
        while let Some(waiting) = state.waiting.remove(&state.next) {
            wrote = true;
            let written = match waiting {
                Waiting::Held(mut bytes) => {
                    state.in_memory -= bytes.len();
                    let written = writer.write_all(&bytes);
                    if state.spare.len() < SPARE_BUFFERS
                        && (1..=SPARE_BUFFER_BYTES).contains(&bytes.capacity())
                    {
                        bytes.clear();
                        state.spare.push(bytes);
                    }
                    written
                }
                Waiting::Spilled { offset, len } => {
                    let spill = state.spill.as_mut().expect("spilled outputs have a file");
                    spill.write_back(offset, len, writer)
                }
            };
            if let Err(e) = written {
                state.failed = Some(e.kind());
                return Err(e);
            }
            state.next += 1;
        }
        // What is written goes out now, not when the writer's buffer
        // fills: a reader of a stream that pauses gets each result as it
        // is made (a system call a run of outputs, next to the many
        // kilobytes each holds).
        if wrote {
            if let Err(e) = writer.flush() {
                state.failed = Some(e.kind());
                return Err(e);
            }
        }
        Ok(())
    }
}

impl Spill {
    /// Writes the output at `offset` to `writer`; empties the file once
    /// nothing waits in it.
    fn write_back(&mut self, offset: u64, len: usize, writer: &mut impl Write) -> io::Result<()> {
        self.buffer.resize(len, 0);
        self.file.seek(SeekFrom::Start(offset))?;
        self.file.read_exact(&mut self.buffer)?;
        writer.write_all(&self.buffer)?;
        self.spilled -= 1;
        if self.spilled == 0 {
            self.file.set_len(0)?;
            self.end = 0;
            self.buffer = Vec::new();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn results_come_in_input_order_whatever_the_threads() {
        for threads in [1, 2, 7] {
            let mut seen = Vec::new();
            let result: Result<(), ()> = ordered(
                threads,
                1000,
                |feed| {
                    for i in 0..500u64 {
                        if !feed.push(i, (i % 50) as usize) {
                            break;
                        }
                    }
                },
                |_, i| {
                    // Uneven work, so that results finish out of order.
                    std::thread::sleep(std::time::Duration::from_micros((i * 7919) % 200));
                    i * 2
                },
                |r| {
                    seen.push(r);
                    Ok(())
                },
            );
            assert_eq!(result, Ok(()));
            assert_eq!(seen, (0..500).map(|i| i * 2).collect::<Vec<_>>());
        }
    }

    #[test]
    fn bytes_in_flight_stay_within_the_budget() {
        let in_flight = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        let result: Result<(), ()> = ordered(
            2,
            100,
            |feed| {
                for _ in 0..200 {
                    in_flight.fetch_add(10, Ordering::SeqCst);
                    let now = in_flight.load(Ordering::SeqCst);
                    most.fetch_max(now, Ordering::SeqCst);
                    if !feed.push((), 10) {
                        break;
                    }
                }
            },
            |_, ()| std::thread::sleep(std::time::Duration::from_micros(50)),
            |()| {
                in_flight.fetch_sub(10, Ordering::SeqCst);
                Ok(())
            },
        );
        assert_eq!(result, Ok(()));
        // The reader counts an item before it waits for room, and the oldest
        // item does not count against the budget: the most it sees is the
        // budget plus those two.
        assert!(most.load(Ordering::SeqCst) <= 120, "{most:?}");
    }

    #[test]
    fn small_items_go_in_batches_that_every_worker_shares() {
        let workers = Mutex::new(std::collections::HashSet::new());
        let mut seen = Vec::new();
        let result: Result<(), ()> = ordered(
            2,
            1 << 20,
            |feed| {
                for i in 0..(20 * BATCH_ITEMS) {
                    if !feed.push(i, 10) {
                        break;
                    }
                }
            },
            |_, i| {
                workers.lock().unwrap().insert(std::thread::current().id());
                std::thread::sleep(std::time::Duration::from_micros(200));
                i
            },
            |i| {
                seen.push(i);
                Ok(())
            },
        );
        assert_eq!(result, Ok(()));
        assert_eq!(seen, (0..20 * BATCH_ITEMS).collect::<Vec<_>>());
        assert_eq!(workers.lock().unwrap().len(), 2, "one worker did all");
    }

    #[test]
    fn an_item_larger_than_the_budget_still_runs() {
        let mut seen = Vec::new();
        let result: Result<(), ()> = ordered(
            2,
            10,
            |feed| {
                feed.push(1, 1_000_000);
                feed.push(2, 5);
            },
            |_, i| i,
            |r| {
                seen.push(r);
                Ok(())
            },
        );
        assert_eq!(result, Ok(()));
        assert_eq!(seen, vec![1, 2]);
    }

    #[test]
    fn a_failing_sink_ends_the_run_and_its_error_is_returned() {
        let produced = AtomicUsize::new(0);
        let result = ordered(
            2,
            50,
            |feed| {
                for i in 0..1_000_000usize {
                    produced.fetch_add(1, Ordering::SeqCst);
                    if !feed.push(i, 10) {
                        break;
                    }
                }
            },
            |_, i| i,
            |r| if r == 3 { Err("broken pipe") } else { Ok(()) },
        );
        assert_eq!(result, Err("broken pipe"));
        assert!(produced.load(Ordering::SeqCst) < 1_000_000);
    }

    #[test]
    fn workers_write_in_input_order_small_and_large() {
        // With room for a few outputs in memory, and with room for all.
        for memory in [8, WAITING_IN_MEMORY] {
            write_in_order_through(OrderedWriter::with_memory(Vec::new(), memory));
        }
    }

    #[test]
    fn outputs_past_the_memory_limit_wait_in_a_file_and_come_back_in_order() {
        let writer = OrderedWriter::with_memory(Vec::new(), 10);
        // Items 1.. arrive while item 0 holds up the output.
        for seq in (1..50u64).rev() {
            writer
                .deliver(seq, format!("item {seq}\n").into_bytes())
                .unwrap();
        }
        {
            let state = writer.lock();
            assert!(state.in_memory <= 10, "{} bytes held", state.in_memory);
            assert_eq!(state.spill.as_ref().map(|s| s.spilled), Some(48));
        }
        writer.deliver(0, b"item 0\n".to_vec()).unwrap();
        // The file is emptied once nothing waits in it, and used again.
        assert_eq!(writer.lock().spill.as_ref().map(|s| s.end), Some(0));
        writer.deliver(51, b"item 51\n".to_vec()).unwrap();
        writer.deliver(52, b"item 52\n".to_vec()).unwrap();
        writer.deliver(50, b"item 50\n".to_vec()).unwrap();
        let text = String::from_utf8(writer.into_inner().unwrap()).unwrap();
        let expected: String = (0..53).map(|i| format!("item {i}\n")).collect();
        assert_eq!(text, expected);
    }

    #[test]
    fn written_buffers_come_back_empty_for_the_next_items() {
        let writer = OrderedWriter::new(Vec::new());
        let mut first = writer.take_buffer();
        first.extend_from_slice(b"item 0\n");
        let room = first.capacity();
        writer.deliver(0, first).unwrap();
        let mut second = writer.take_buffer();
        assert!(second.is_empty());
        assert_eq!(second.capacity(), room);
        second.extend_from_slice(b"item 1\n");
        // An item waiting its turn keeps its buffer until written.
        writer.deliver(2, b"item 2\n".to_vec()).unwrap();
        assert_eq!(writer.take_buffer().capacity(), 0);
        writer.deliver(1, second).unwrap();
        assert_eq!(writer.lock().spare.len(), 2);
        let text = String::from_utf8(writer.into_inner().unwrap()).unwrap();
        assert_eq!(text, "item 0\nitem 1\nitem 2\n");
    }

    fn write_in_order_through(writer: OrderedWriter<Vec<u8>>) {
        let result: Result<(), io::Error> = ordered(
            3,
            1000,
            |feed| {
                for i in 0..300u64 {
                    feed.push(i, 1);
                }
            },
            |seq, i| {
                std::thread::sleep(std::time::Duration::from_micros((i * 7919) % 100));
                if i % 7 == 0 {
                    writer.write_in_turn(seq, |w| writeln!(w, "{i}"))
                } else {
                    writer.deliver(seq, format!("{i}\n").into_bytes())
                }
            },
            |r| r,
        );
        result.unwrap();
        let text = String::from_utf8(writer.into_inner().unwrap()).unwrap();
        let expected: String = (0..300).map(|i| format!("{i}\n")).collect();
        assert_eq!(text, expected);
    }

    #[test]
    fn a_turn_that_panics_fails_the_turns_after_it_instead_of_hanging() {
        let writer = std::sync::Arc::new(OrderedWriter::new(Vec::new()));
        let first = std::sync::Arc::clone(&writer);
        let panicked = std::thread::spawn(move || {
            first.write_in_turn(0, |_| -> io::Result<()> { panic!("a bug") })
        })
        .join();
        assert!(panicked.is_err());
        assert!(writer.write_in_turn(1, |w| w.write_all(b"x")).is_err());
    }
}
