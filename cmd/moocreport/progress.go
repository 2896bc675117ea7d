package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"golang.org/x/term"
)

// progress shows the stage a long command is at, with the time it has
// taken so far, on one line of a terminal that it redraws each second;
// each finished stage stays as a line with its duration. It shows nothing
// when stderr is not a terminal (a log file, CI, a pipe) or with -q.
type progress struct {
	w       io.Writer // nil: show nothing
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

// draw rewrites the terminal's current line: the stage and its time.
func (p *progress) draw() {
	if p.name != "" {
		fmt.Fprintf(p.w, "\r\033[K%s… %s", p.name, p.now().Sub(p.started).Round(time.Second))
	}
}

// finish leaves the finished stage on its own line with its duration.
func (p *progress) finish() {
	if p.name != "" {
		fmt.Fprintf(p.w, "\r\033[K%s: %.1f s\n", p.name, p.now().Sub(p.started).Seconds())
		p.name = ""
	}
}
