package serve

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/moocreport/moocreport/report/site"
)

// The preview's own files live under this prefix, which no report file can
// have (report files never start with an underscore).
const prefix = "/_moocreport/"

//go:embed live.js
var liveJS []byte

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc(prefix+"events", s.events)
	mux.HandleFunc(prefix+"live.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Write(liveJS)
	})
	mux.HandleFunc("/", s.file)
	return mux
}

// events streams one "reload" server-sent event per finished build, so an
// open page reloads itself (and shows the error overlay of a failed build).
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	ch := make(chan int, 1)
	s.mu.Lock()
	s.subs[ch] = true
	gen := s.gen
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.subs, ch)
		s.mu.Unlock()
	}()
	// The build count lets a page that connects after a build it has not
	// seen (a reconnect) reload at once.
	fmt.Fprintf(w, "event: hello\ndata: %d\n\n", gen)
	flusher.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		case g, open := <-ch:
			if !open {
				return
			}
			fmt.Fprintf(w, "event: reload\ndata: %d\n\n", g)
			flusher.Flush()
		}
	}
}

// file serves the current draft; pages get the draft banner, the live
// reload script and, after a failed build, the error overlay.
func (s *Server) file(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	cur, failure, pdf, gen := s.current, s.failure, s.pdf, s.gen
	s.mu.Unlock()
	w.Header().Set("Cache-Control", "no-store")
	name := path.Clean("/" + r.URL.Path)
	if name == "/" {
		name = "/index.html"
	}
	if cur == "" {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write(inject([]byte(firstPage), failure, gen))
		return
	}
	if name == "/report.pdf" && pdf != nil {
		select {
		case <-pdf:
		case <-time.After(2 * time.Minute):
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		}
	}
	file := filepath.Join(cur, filepath.FromSlash(name))
	if strings.HasSuffix(name, ".html") {
		b, err := os.ReadFile(file)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(inject(b, failure, gen))
		return
	}
	http.ServeFile(w, r, file)
}

const firstPage = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Draft preview</title></head><body><main><h1>Draft preview</h1><p>No draft could be built yet.</p></main></body></html>`

// overlay is laid over every page while the last build has failed.
var overlay = template.Must(template.New("overlay").Parse(`<div id="moocreport-draft-error" role="alert" style="position:fixed;inset:0;z-index:10000;overflow:auto;background:rgba(20,20,20,.92);color:#fff;font:15px/1.5 system-ui,sans-serif;padding:2rem">
<h2 style="margin-top:0;color:#ffb4a9">The draft could not be rebuilt</h2>
<p>The page below is the last draft that built. Fix the problem and save: the page reloads by itself.</p>
{{range .Problems}}<div style="margin:1rem 0;padding:.75rem 1rem;background:#2b2b2b;border-left:4px solid #ff6f5e">
<p style="margin:0;font-family:ui-monospace,monospace;white-space:pre-wrap">{{.Message}}</p>
{{if .Source}}<pre style="margin:.5rem 0 0;color:#ffd27f">{{.LineNo}} | {{.Source}}</pre>{{end}}
</div>{{end}}
</div>`))

// inject adds the error overlay and the reload script before </body>. The
// pages themselves say they are a draft (report.Document.Draft).
func inject(page []byte, failure *buildError, gen int) []byte {
	var tail bytes.Buffer
	if failure != nil {
		overlay.Execute(&tail, failure)
	}
	fmt.Fprintf(&tail, `<script src="%slive.js" data-build="%d"></script>`, prefix, gen)
	if i := bytes.LastIndex(page, []byte("</body>")); i >= 0 {
		return append(append(append([]byte{}, page[:i]...), tail.Bytes()...), page[i:]...)
	}
	return append(page, tail.Bytes()...)
}

// buildError is a failed build as the overlay shows it.
type buildError struct {
	Problems []problem
}

type problem struct {
	Message string
	LineNo  int
	Source  string // the offending line of the file, when the message names one
}

// where finds "file:line:", "file:line:column:" or "file: line N:" at the
// start of a line of an error message.
var where = regexp.MustCompile(`^([^\s:][^:]*):(?: line )?(\d+)(?::\d+)?:`)

// describe splits an error into its problems (one per line, as
// moocreport's errors list them) and looks up each named line.
func describe(err error) *buildError {
	be := &buildError{}
	for _, msg := range strings.Split(strings.TrimSpace(err.Error()), "\n") {
		p := problem{Message: msg}
		if m := where.FindStringSubmatch(msg); m != nil {
			n, _ := strconv.Atoi(m[2])
			if text, ok := lineOf(m[1], n); ok {
				p.LineNo, p.Source = n, text
			}
		}
		be.Problems = append(be.Problems, p)
	}
	return be
}

// lineOf reads line n (1-based) of a text file; binary files and long
// lines are not shown.
func lineOf(file string, n int) (string, bool) {
	f, err := os.Open(file)
	if err != nil || n < 1 {
		return "", false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for i := 1; sc.Scan(); i++ {
		if i == n {
			line := sc.Text()
			if len(line) > 500 || strings.ContainsRune(line, 0) {
				return "", false
			}
			return line, true
		}
	}
	return "", false
}

// inputsOf lists, as absolute paths, the input files a draft was built
// from, from its manifest.
func inputsOf(draft, studyDir string) []string {
	b, err := os.ReadFile(filepath.Join(draft, "manifest.json"))
	if err != nil {
		return nil
	}
	var m site.Manifest
	if json.Unmarshal(b, &m) != nil {
		return nil
	}
	var out []string
	for _, in := range m.Inputs {
		out = append(out, filepath.Join(studyDir, filepath.FromSlash(in.Path)))
	}
	return out
}
