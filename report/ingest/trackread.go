package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"

	"github.com/klauspost/compress/gzip"
	"github.com/moocreport/moocreport/report"
)

// This file runs the reading of tracking logs as a pipeline: reader
// goroutines, one file at a time each, decompress and cut the stream into
// chunks of whole lines; scanner goroutines, one per core, take chunks from
// any file and aggregate them into their own trackState. Decompressing and
// scanning so overlap, and one large file keeps every core busy. Memory is
// a fixed pool of chunk buffers plus, for one line longer than a chunk at a
// time, a buffer of at most MaxLine: it does not grow with the size of the
// files or of their lines.

// chunkSize is the size of a chunk buffer: large enough that handing a
// chunk over costs nothing next to scanning it, small enough that the
// pool stays a few MB per core.
const chunkSize = 1 << 20

// Skip reasons by index, for counting without a map.
const (
	skComment = iota
	skMalformed
	skTask
	skOtherCourse
	skNoCourse
	skNoLearner
	skBadTime
	skTooLong
	numSkips
)

var skipNames = [numSkips]string{SkipComment, SkipMalformed, SkipTask, SkipOtherCourse, SkipNoCourse, SkipNoLearner, SkipBadTime, SkipTooLong}

// fileStats counts the lines of one file, or of a chunk of it.
type fileStats struct {
	lines, malformed int
	skips            [numSkips]int
	others           map[string]int // lines of other courses, by course id
	firstBad         int            // line of the first malformed line; 0 when none
	badErr           error          // its decoding error
}

// bad counts a malformed line: it is skipped with the reason and counts
// against the file's tolerance.
func (f *fileStats) bad(reason, line int, err error) {
	f.skips[reason]++
	f.malformed++
	if f.firstBad == 0 || line < f.firstBad {
		f.firstBad, f.badErr = line, err
	}
}

func (f *fileStats) add(o *fileStats) {
	f.lines += o.lines
	f.malformed += o.malformed
	for i, n := range o.skips {
		f.skips[i] += n
	}
	for id, n := range o.others {
		if f.others == nil {
			f.others = map[string]int{}
		}
		f.others[id] += n
	}
	if o.firstBad != 0 && (f.firstBad == 0 || o.firstBad < f.firstBad) {
		f.firstBad, f.badErr = o.firstBad, o.badErr
	}
}

// check applies the tolerance for malformed lines.
func (f *fileStats) check(file string, share float64) error {
	if allowed := int(math.Floor(float64(f.lines)*share + 1e-9)); f.malformed > allowed {
		return &ParseError{File: file, Line: f.firstBad, Err: fmt.Errorf(
			"%w: %d of %d lines are not JSON events, at most %d (%s %%) tolerated; this is the first: %v",
			ErrTooManyMalformed, f.malformed, f.lines, allowed, strconv.FormatFloat(share*100, 'g', -1, 64), f.badErr)}
	}
	return nil
}

func (f *fileStats) skipList(file, course string) []report.Skip {
	var out []report.Skip
	for _, i := range skipOrder {
		if n := f.skips[i]; n > 0 {
			out = append(out, report.Skip{File: file, Reason: skipNames[i], Count: n, Course: course})
		}
	}
	return out
}

// skipOrder lists the skip reasons sorted by name, the order of a file's
// skips in Tracking.
var skipOrder = func() []int {
	o := make([]int, numSkips)
	for i := range o {
		o[i] = i
	}
	for i := 1; i < len(o); i++ { // insertion sort: eight names
		for j := i; j > 0 && skipNames[o[j]] < skipNames[o[j-1]]; j-- {
			o[j], o[j-1] = o[j-1], o[j]
		}
	}
	return o
}()

// chunk is a run of whole lines of one file.
type chunk struct {
	file int
	line int // number of its first line
	data []byte
	buf  []byte // the pool buffer to give back; nil for an oversized one
}

// logSource is one log stream to read.
type logSource struct {
	name string
	open func() (io.ReadCloser, error)
}

// logReader holds the pipeline's shared state.
type logReader struct {
	c       *Course
	opt     TrackingOptions
	maxLine int
	files   []logSource

	mu    sync.Mutex
	stats []fileStats
	errs  []error

	free   chan []byte   // the chunk buffer pool (nil entries are allocated on first use)
	big    chan struct{} // held while an oversized buffer exists
	chunks chan chunk
}

// readLogs reads the sources through the pipeline.
func readLogs(files []logSource, c *Course, opt TrackingOptions) (*Tracking, error) {
	workers := runtime.GOMAXPROCS(0)
	readers := max(1, min(workers, len(files)))
	nbuf := 2*workers + readers + 1
	lr := &logReader{c: c, opt: opt, maxLine: opt.maxLine(), files: files,
		stats: make([]fileStats, len(files)), errs: make([]error, len(files)),
		free: make(chan []byte, nbuf), big: make(chan struct{}, 1), chunks: make(chan chunk, workers)}
	for range nbuf {
		lr.free <- nil
	}
	jobs := make(chan int)
	var rwg, swg sync.WaitGroup
	for range readers {
		rwg.Go(func() {
			var dec decoders
			for i := range jobs {
				if err := lr.readFile(i, &dec); err != nil {
					lr.errs[i] = err
				}
			}
		})
	}
	states := make([]*trackState, workers)
	for w := range states {
		st := newTrackState(c, opt)
		states[w] = st
		swg.Go(func() {
			for ch := range lr.chunks {
				lr.scan(st, ch)
			}
		})
	}
	for i := range files {
		jobs <- i
	}
	close(jobs)
	rwg.Wait()
	close(lr.chunks)
	swg.Wait()
	lr.drain()
	if opt.scanned != nil {
		opt.scanned()
	}
	share := opt.maxBad()
	for i, f := range files {
		if lr.errs[i] == nil {
			lr.errs[i] = lr.stats[i].check(f.name, share)
		}
	}
	if err := errors.Join(lr.errs...); err != nil {
		return nil, err
	}
	for _, o := range states[1:] {
		states[0].merge(o)
	}
	out := states[0].finish()
	out.OtherCourses = map[string]map[string]int{}
	for i, f := range files {
		out.Skips = append(out.Skips, lr.stats[i].skipList(f.name, c.Key)...)
		if o := lr.stats[i].others; o != nil {
			out.OtherCourses[f.name] = o
		}
	}
	return out, nil
}

// scan aggregates the lines of a chunk into st, then gives the buffer back
// and adds the chunk's counts to its file's.
func (lr *logReader) scan(st *trackState, ch chunk) {
	var fs fileStats
	data, lineNo := ch.data, ch.line
	for len(data) > 0 {
		l := data
		if k := bytes.IndexByte(data, '\n'); k >= 0 {
			l, data = data[:k], data[k+1:]
		} else {
			data = nil
		}
		if len(l) > lr.maxLine {
			fs.lines++
			fs.bad(skTooLong, lineNo, lr.tooLong())
		} else {
			st.line(l, lineNo, &fs)
		}
		lineNo++
	}
	if ch.buf != nil {
		lr.free <- ch.buf
	} else {
		<-lr.big
	}
	lr.mu.Lock()
	lr.stats[ch.file].add(&fs)
	lr.mu.Unlock()
}

func (lr *logReader) tooLong() error {
	return fmt.Errorf("line longer than %d bytes (the limit for one line)", lr.maxLine)
}

var gzipMagic = []byte{0x1f, 0x8b}

// decoders are a reader goroutine's buffered and gzip readers, reset for
// each file rather than allocated again (a gzip reader's tables and window
// are most of what reading a file allocates).
type decoders struct {
	br *bufio.Reader
	gz *gzip.Reader
}

// readFile opens file i, gzipped or plain (told apart by the gzip magic
// bytes, not the file name), and cuts it into chunks.
func (lr *logReader) readFile(i int, dec *decoders) error {
	f := lr.files[i]
	rc, err := f.open()
	if err != nil {
		return err
	}
	defer rc.Close()
	if dec.br == nil {
		dec.br = bufio.NewReaderSize(rc, 64<<10)
	} else {
		dec.br.Reset(rc)
	}
	var src io.Reader = dec.br
	zipped := false
	if magic, _ := dec.br.Peek(2); bytes.Equal(magic, gzipMagic) {
		zipped = true
		if dec.gz == nil {
			dec.gz, err = gzip.NewReader(dec.br)
		} else {
			err = dec.gz.Reset(dec.br)
		}
		if err != nil {
			dec.gz = nil
			return &ParseError{File: f.name, Err: err}
		}
		src = dec.gz
	}
	line, err := lr.split(i, src)
	if err != nil {
		if zipped {
			err = fmt.Errorf("gzip data truncated or corrupt: %w", err)
		}
		return &ParseError{File: f.name, Line: line, Err: err}
	}
	return nil
}

// metered reads a file through a Meter and closes the file.
type metered struct {
	io.Reader
	io.Closer
}

// ReadTrackingFiles reads the logs dir/files[i] (files slash-separated and
// relative to dir, as they appear in skips and errors) through the
// pipeline of readLogs: up to runtime.GOMAXPROCS files are decompressed at
// once while as many scanners aggregate their lines. Aggregation is
// commutative and the tables are sorted at the end, so the result does not
// depend on scheduling (TestReadTrackingSplit); skips stay in file order.
func ReadTrackingFiles(dir string, files []string, c *Course, opt TrackingOptions) (*Tracking, error) {
	srcs := make([]logSource, len(files))
	for i, name := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		srcs[i] = logSource{name: name, open: func() (io.ReadCloser, error) {
			f, err := os.Open(path)
			if err != nil {
				return nil, err
			}
			return metered{opt.Meter.reader(f), f}, nil
		}}
	}
	return readLogs(srcs, c, opt)
}
