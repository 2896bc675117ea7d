package serve

import (
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watcher calls changed whenever a watched file or a file in a watched
// folder is written, created, removed or renamed. It uses file system
// notifications, watching the folders that hold the files (editors often
// save by writing a new file and renaming it over the old one, which a
// watch on the file itself would lose); where notifications cannot be set
// up it polls the files' sizes and modification times instead.
type watcher struct {
	changed func()
	poll    time.Duration

	mu      sync.Mutex
	paths   map[string]bool // files and folders asked for, absolute
	fsw     *fsnotify.Watcher
	watched map[string]bool // folders under notification
	stamp   map[string]string
	done    chan struct{}
	wg      sync.WaitGroup
}

// newWatcher starts watching nothing; set gives it its paths. poll > 0
// forces polling at that interval.
func newWatcher(poll time.Duration, changed func()) *watcher {
	w := &watcher{changed: changed, poll: poll, paths: map[string]bool{}, watched: map[string]bool{}, done: make(chan struct{})}
	if poll <= 0 {
		fsw, err := fsnotify.NewWatcher()
		if err == nil {
			w.fsw = fsw
			w.wg.Add(1)
			go w.notifications()
			return w
		}
		w.poll = 300 * time.Millisecond
	}
	w.wg.Add(1)
	go w.polling()
	return w
}

// set replaces the watched paths: files, and folders watched with all
// they contain.
func (w *watcher) set(paths []string) {
	want := map[string]bool{}
	for _, p := range paths {
		if abs, err := filepath.Abs(p); err == nil {
			want[abs] = true
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.paths = want
	if w.fsw == nil {
		if w.stamp == nil {
			w.stamp = w.snapshot()
		}
		return
	}
	dirs := map[string]bool{}
	for p := range want {
		fi, err := os.Stat(p)
		switch {
		case err == nil && fi.IsDir():
			filepath.WalkDir(p, func(d string, e fs.DirEntry, err error) error {
				if err == nil && e.IsDir() {
					dirs[d] = true
				}
				return nil
			})
		default: // a file, or one that does not exist yet
			dirs[filepath.Dir(p)] = true
		}
	}
	for d := range w.watched {
		if !dirs[d] {
			w.fsw.Remove(d)
			delete(w.watched, d)
		}
	}
	for d := range dirs {
		if !w.watched[d] && w.fsw.Add(d) == nil {
			w.watched[d] = true
		}
	}
}

// relevant says whether a path is one asked for, or inside a folder asked
// for.
func (w *watcher) relevant(p string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	for q := p; ; q = filepath.Dir(q) {
		if w.paths[q] {
			return true
		}
		if filepath.Dir(q) == q {
			return false
		}
	}
}

func (w *watcher) notifications() {
	defer w.wg.Done()
	for {
		select {
		case <-w.done:
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			if ev.Op == fsnotify.Chmod {
				continue
			}
			if w.relevant(ev.Name) {
				w.changed()
			}
		case _, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
		}
	}
}

func (w *watcher) polling() {
	defer w.wg.Done()
	t := time.NewTicker(w.poll)
	defer t.Stop()
	for {
		select {
		case <-w.done:
			return
		case <-t.C:
		}
		w.mu.Lock()
		now := w.snapshot()
		differs := w.stamp != nil && !maps.Equal(now, w.stamp)
		w.stamp = now
		w.mu.Unlock()
		if differs {
			w.changed()
		}
	}
}

// snapshot records size and modification time of every watched file and
// of every file in a watched folder; w.mu is held.
func (w *watcher) snapshot() map[string]string {
	st := map[string]string{}
	keys := make([]string, 0, len(w.paths))
	for p := range w.paths {
		keys = append(keys, p)
	}
	sort.Strings(keys)
	for _, p := range keys {
		filepath.WalkDir(p, func(f string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			if fi, err := d.Info(); err == nil {
				st[f] = fmt.Sprintf("%d/%d", fi.ModTime().UnixNano(), fi.Size())
			}
			return nil
		})
	}
	return st
}

func (w *watcher) close() {
	close(w.done)
	if w.fsw != nil {
		w.fsw.Close()
	}
	w.wg.Wait()
}
