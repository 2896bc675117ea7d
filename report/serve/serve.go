// Package serve previews a study while it is being written: it renders a
// draft into a temporary folder, serves it on localhost, watches the
// study's files and rebuilds and reloads open pages when one changes.
//
// It never writes into public/ and never touches a published version; on
// Close it removes its temporary folder, so only the build cache remains.
// A build that fails leaves the last good draft on screen with the error
// laid over it, naming the file and line and showing the offending line.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/moocreport/moocreport/report/build"
)

// Options configure a preview server.
type Options struct {
	// StudyFile is the path of study.yaml.
	StudyFile string
	// Addr is the address to listen on; empty means a free port on
	// 127.0.0.1. Only loopback addresses are accepted: a draft holds
	// numbers not yet checked for publication.
	Addr string
	// Tool names the program and its version.
	Tool string
	// Cache reuses ingested data and charts between rebuilds; nil reads
	// everything each time.
	Cache *build.Cache
	// Log receives one line per rebuild; nil discards them.
	Log io.Writer
	// Debounce is how long the files must be quiet before a rebuild, so an
	// editor's save (often several writes) rebuilds once; default 80 ms.
	Debounce time.Duration
	// Poll, when set, watches by polling at this interval instead of file
	// system notifications (which some network and container file systems
	// lack; New falls back to polling by itself when notifications fail).
	Poll time.Duration
	// Now gives the build time of each draft; nil means time.Now.
	Now func() time.Time
}

// Server is a running preview.
type Server struct {
	opt     Options
	tmp     string // temporary folder holding the drafts
	ln      net.Listener
	http    *http.Server
	watch   *watcher
	changed chan struct{}
	done    chan struct{}
	stopped sync.WaitGroup

	mu      sync.Mutex
	current string // folder of the last good draft ("" before the first)
	pdf     chan struct{}
	failure *buildError // the last build's error, nil after a good build
	gen     int         // builds completed, good or bad
	subs    map[chan int]bool
}

// Start builds the first draft, then listens and watches. The first build
// may fail (the error is shown in the browser); Start fails only when the
// server cannot be set up.
func Start(opt Options) (*Server, error) {
	if opt.Debounce == 0 {
		opt.Debounce = 80 * time.Millisecond
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	addr := opt.Addr
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	if err := loopback(addr); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "moocreport-serve-")
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	s := &Server{opt: opt, tmp: tmp, ln: ln, changed: make(chan struct{}, 1), done: make(chan struct{}), subs: map[chan int]bool{}}
	s.http = &http.Server{Handler: s.routes(), ReadHeaderTimeout: 10 * time.Second}
	s.rebuild()
	s.watch = newWatcher(opt.Poll, s.notify)
	s.watch.set(s.watchList())
	s.stopped.Add(2)
	go func() { defer s.stopped.Done(); s.loop() }()
	go func() { defer s.stopped.Done(); s.http.Serve(ln) }()
	return s, nil
}

// loopback refuses addresses other than the loopback interface.
func loopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("serve: address %q: %w", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("serve: address %q is not on this machine's loopback interface; a draft is not for publication", addr)
}

// URL is the address of the draft's contents page.
func (s *Server) URL() string { return "http://" + s.ln.Addr().String() + "/" }

// Close stops the server and removes every draft.
func (s *Server) Close() error {
	close(s.done)
	s.watch.close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	err := s.http.Shutdown(ctx) // event streams end on s.done
	s.stopped.Wait()
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return errors.Join(err, os.RemoveAll(s.tmp))
}

// notify is called by the watcher when a watched file changed.
func (s *Server) notify() {
	select {
	case s.changed <- struct{}{}:
	default:
	}
}

// loop rebuilds after each burst of changes, once the files are quiet.
func (s *Server) loop() {
	for {
		select {
		case <-s.done:
			return
		case <-s.changed:
		}
		quiet := time.NewTimer(s.opt.Debounce)
	settle:
		for {
			select {
			case <-s.done:
				quiet.Stop()
				return
			case <-s.changed:
				quiet.Reset(s.opt.Debounce)
			case <-quiet.C:
				break settle
			}
		}
		s.rebuild()
		s.watch.set(s.watchList())
	}
}

// rebuild renders a new draft beside the current one and switches to it
// when its pages are written; its PDF follows. On failure the current
// draft stays and the error is shown over it.
func (s *Server) rebuild() {
	start := time.Now()
	dir, err := os.MkdirTemp(s.tmp, "draft-")
	var pv *build.Preview
	if err == nil {
		pv, err = build.RenderPreview(build.Options{StudyFile: s.opt.StudyFile, Tool: s.opt.Tool, Cache: s.opt.Cache, Now: s.opt.Now()}, dir)
	}
	s.mu.Lock()
	old := s.current
	if err != nil {
		s.failure = describe(err)
		os.RemoveAll(dir)
	} else {
		s.failure = nil
		s.current = dir
		s.pdf = make(chan struct{})
	}
	s.gen++
	s.broadcast()
	pdfDone := s.pdf
	s.mu.Unlock()
	if err != nil {
		s.logf("draft: %v", err)
		return
	}
	s.logf("draft rebuilt in %s", time.Since(start).Round(time.Millisecond))
	if old != "" {
		// Requests in flight may still read the old draft; give them a
		// moment before it goes.
		time.AfterFunc(5*time.Second, func() { os.RemoveAll(old) })
	}
	if err := pv.PDF(); err != nil {
		s.logf("draft PDF: %v", err)
	}
	close(pdfDone)
}

// broadcast tells every open page that a build finished; s.mu is held.
func (s *Server) broadcast() {
	for ch := range s.subs {
		select {
		case ch <- s.gen:
		default: // the page has a reload pending already
		}
	}
}

// watchList is what a change to should rebuild the draft: study.yaml, the
// narrative, the templates and every input the last good build read (or,
// before one, every folder a source path names).
func (s *Server) watchList() []string {
	dir := filepath.Dir(s.opt.StudyFile)
	list := []string{s.opt.StudyFile, filepath.Join(dir, "content"), filepath.Join(dir, "templates")}
	s.mu.Lock()
	cur := s.current
	s.mu.Unlock()
	if cur != "" {
		list = append(list, inputsOf(cur, dir)...)
	}
	return list
}

func (s *Server) logf(format string, args ...any) {
	if s.opt.Log != nil {
		fmt.Fprintf(s.opt.Log, format+"\n", args...)
	}
}
