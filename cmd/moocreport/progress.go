package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/moocreport/moocreport/report/ingest"
	"golang.org/x/term"
)

// progress shows the stage a long command is at, with the time it has
// taken so far, on one line of a terminal that it redraws each second;
// while the data is read, also the bytes read of the total, the rate and
// the time left. Each finished stage stays as a line with its duration.
// It shows nothing when stderr is not a terminal (a log file, CI, a pipe)
// or with -q.
type progress struct {
	w io.Writer // nil: show nothing
	// meter counts the data read, shown while reading is true; both nil
	// when nothing is shown.
	meter   *ingest.Meter
	reading func() (read, total int64, active bool)
	mu      sync.Mutex
	name    string
	started time.Time
	now     func() time.Time
	stop    chan struct{}
	stopped chan struct{}
}

// newProgress shows progress on w when it is a terminal and not quiet.
func newProgress(w io.Writer, quiet bool) *progress {
	p := &progress{now: time.Now}
	if !quiet && isTerminal(w) {
		p.w = w
		p.meter = &ingest.Meter{}
		p.reading = p.meter.Progress
		p.stop, p.stopped = make(chan struct{}), make(chan struct{})
		go p.tick()
	}
	return p
}

// isTerminal says whether w is a terminal (not a file, a pipe or
// /dev/null).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// stage ends the current stage and starts the next one.
func (p *progress) stage(name string) {
	if p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.finish()
	p.name, p.started = name, p.now()
	p.draw()
}

// above returns w such that what is written through it appears above the
// progress line, not mixed into it, when both go to one terminal.
func (p *progress) above(w io.Writer) io.Writer {
	if p.w == nil {
		return w
	}
	return writerFunc(func(b []byte) (int, error) {
		p.mu.Lock()
		defer p.mu.Unlock()
		fmt.Fprint(p.w, "\r\033[K")
		n, err := w.Write(b)
		p.draw()
		return n, err
	})
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(b []byte) (int, error) { return f(b) }

// done ends the last stage and stops redrawing.
func (p *progress) done() {
	if p.w == nil {
		return
	}
	close(p.stop)
	<-p.stopped
	p.mu.Lock()
	defer p.mu.Unlock()
	p.finish()
}

func (p *progress) tick() {
	defer close(p.stopped)
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-t.C:
			p.mu.Lock()
			p.draw()
			p.mu.Unlock()
		}
	}
}

// draw rewrites the terminal's current line: the stage and its time, and
// how far the data reading is while it runs.
func (p *progress) draw() {
	if p.name == "" {
		return
	}
	took := p.now().Sub(p.started)
	fmt.Fprintf(p.w, "\r\033[K%s… %s", p.name, took.Round(time.Second))
	if p.reading == nil {
		return
	}
	read, total, active := p.reading()
	if !active || total <= 0 {
		return
	}
	fmt.Fprintf(p.w, ": %s of %s (%d %%)", bytesText(read), bytesText(total), 100*read/total)
	if secs := took.Seconds(); secs >= 1 && read > 0 {
		rate := float64(read) / secs
		left := time.Duration(float64(total-read) / rate * float64(time.Second))
		if left < time.Second {
			fmt.Fprintf(p.w, ", %s/s, under a second left", bytesText(int64(rate)))
		} else {
			fmt.Fprintf(p.w, ", %s/s, about %s left", bytesText(int64(rate)), left.Round(time.Second))
		}
	}
}

// bytesText writes a byte count in decimal units: "850 kB", "3.4 GB".
func bytesText(n int64) string {
	units := []string{"B", "kB", "MB", "GB", "TB"}
	v, u := float64(n), 0
	for v >= 1000 && u < len(units)-1 {
		v, u = v/1000, u+1
	}
	if u == 0 || v >= 100 {
		return fmt.Sprintf("%.0f %s", v, units[u])
	}
	return fmt.Sprintf("%.1f %s", v, units[u])
}

// finish leaves the finished stage on its own line with its duration.
func (p *progress) finish() {
	if p.name != "" {
		fmt.Fprintf(p.w, "\r\033[K%s: %.1f s\n", p.name, p.now().Sub(p.started).Seconds())
		p.name = ""
	}
}
