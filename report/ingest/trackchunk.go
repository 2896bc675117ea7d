package ingest

import (
	"bytes"
	"io"
	"sync"
)

// split cuts src, file i, into chunks of whole lines for the scanners. A
// line that does not fit a chunk buffer gets an oversized buffer (one at a
// time in the whole pipeline, lr.big) of at most MaxLine+1 bytes; a longer
// line is read through without being kept and counted as SkipTooLong. On a
// read error it returns the number of the line it was reading.
func (lr *logReader) split(i int, src io.Reader) (int, error) {
	line := 1 // number of the first line in buf
	buf := lr.get()
	n := 0
	for {
		if n == len(buf) {
			k := bytes.LastIndexByte(buf, '\n')
			switch {
			case k >= 0:
				nb := lr.get()
				n = copy(nb, buf[k+1:])
				line = lr.send(i, line, buf, k+1)
				buf = nb
			case n > lr.maxLine:
				lr.countTooLong(i, line)
				var eof bool
				var err error
				if buf, n, eof, err = lr.drop(buf, src); err != nil || eof {
					lr.release(buf)
					return line, err
				}
				line++
			default:
				buf = lr.grow(buf)
			}
			continue
		}
		// An oversized buffer is filled a chunk at a time, and handed on as
		// soon as its long line ends, so what follows fits a pool buffer.
		m, err := src.Read(buf[n:min(len(buf), n+chunkSize)])
		n += m
		if len(buf) > chunkSize && err == nil && bytes.IndexByte(buf[n-m:n], '\n') >= 0 {
			k := bytes.LastIndexByte(buf[:n], '\n')
			nb := lr.get()
			rest := copy(nb, buf[k+1:n])
			line = lr.send(i, line, buf, k+1)
			buf, n = nb, rest
		}
		switch {
		case err == io.EOF:
			if n > 0 {
				lr.send(i, line, buf, n)
			} else {
				lr.release(buf)
			}
			return 0, nil
		case err != nil:
			lr.release(buf)
			return line + bytes.Count(buf[:n], []byte{'\n'}), err
		}
	}
}

// send hands buf[:end], whole lines from line on, to the scanners and
// returns the number of the line after them.
func (lr *logReader) send(i, line int, buf []byte, end int) int {
	ch := chunk{file: i, line: line, data: buf[:end]}
	if len(buf) == chunkSize {
		ch.buf = buf
	}
	next := line + bytes.Count(ch.data, []byte{'\n'})
	lr.chunks <- ch
	return next
}

// get takes a buffer from the pool, waiting for the scanners to give one
// back when all are in use: this is what bounds the pipeline's memory.
func (lr *logReader) get() []byte {
	b := <-lr.free
	if b == nil {
		b = *chunkPool.Get().(*[]byte)
	}
	return b
}

// chunkPool keeps chunk buffers between reads: a study reads each
// course's logs in one call, but tests and fuzzing make thousands of small
// ones.
var chunkPool = sync.Pool{New: func() any { b := make([]byte, chunkSize); return &b }}

// drain puts the pipeline's buffers back into chunkPool when it is done.
func (lr *logReader) drain() {
	for {
		select {
		case b := <-lr.free:
			if b != nil {
				chunkPool.Put(&b)
			}
		default:
			return
		}
	}
}

// release gives back a buffer that is not handed on.
func (lr *logReader) release(buf []byte) {
	if len(buf) == chunkSize {
		lr.free <- buf
	} else {
		<-lr.big
	}
}

// grow doubles a full buffer holding one partial line, up to MaxLine+1
// bytes; the first growth takes the one oversized-buffer token.
func (lr *logReader) grow(buf []byte) []byte {
	if len(buf) == chunkSize {
		lr.big <- struct{}{}
	}
	nb := make([]byte, min(2*len(buf), lr.maxLine+1))
	copy(nb, buf)
	if len(buf) == chunkSize {
		lr.free <- buf
	}
	return nb
}

// drop reads through the rest of a line that is longer than MaxLine. It
// returns a pool buffer holding the n bytes read after the line's end.
func (lr *logReader) drop(buf []byte, src io.Reader) (_ []byte, n int, eof bool, err error) {
	if len(buf) != chunkSize {
		<-lr.big
		buf = lr.get()
	}
	for {
		m, err := src.Read(buf)
		if k := bytes.IndexByte(buf[:m], '\n'); k >= 0 {
			return buf, copy(buf, buf[k+1:m]), false, nil
		}
		if err == io.EOF {
			return buf, 0, true, nil
		}
		if err != nil {
			return buf, 0, false, err
		}
	}
}

// countTooLong counts line of file i as a line too long to read.
func (lr *logReader) countTooLong(i, line int) {
	lr.mu.Lock()
	defer lr.mu.Unlock()
	lr.stats[i].lines++
	lr.stats[i].bad(skTooLong, line, lr.tooLong())
}
