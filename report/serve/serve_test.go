package serve

import (
	"bufio"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/moocreport/moocreport/internal/fixture"
	"github.com/moocreport/moocreport/report/build"
)

// example copies the example study (study.yaml, content/, and the survey
// files it will change; the rest of data/ linked) into a temporary folder.
func example(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..")
	dir := t.TempDir()
	for _, name := range []string{"study.yaml"} {
		b, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"content", "data"} {
		if err := os.CopyFS(filepath.Join(dir, name), os.DirFS(filepath.Join(root, name))); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// events follows the server's event stream, handing each event's name on.
func events(t *testing.T, url string) <-chan string {
	t.Helper()
	resp, err := http.Get(url + "_moocreport/events")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	ch := make(chan string, 16)
	go func() {
		defer close(ch)
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if name, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
				ch <- name
			}
		}
	}()
	return ch
}

// await waits for the next reload event, for at most a minute (a cold
// rebuild on a loaded two-core machine).
func await(t *testing.T, ev <-chan string, what string) {
	t.Helper()
	deadline := time.After(time.Minute)
	for {
		select {
		case name, ok := <-ev:
			if !ok {
				t.Fatalf("%s: the event stream closed", what)
			}
			if name == "reload" {
				return
			}
		case <-deadline:
			t.Fatalf("%s: no reload within a minute", what)
		}
	}
}

func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestServe starts a preview on a free port and changes the study under
// it: a narrative edit and a data edit each show in the served pages, a
// broken study.yaml shows the error over the last good draft, and fixing
// it recovers. Closing leaves nothing but the cache.
func TestServe(t *testing.T) {
	for _, mode := range []struct {
		name string
		poll time.Duration
	}{{"notifications", 0}, {"polling", 100 * time.Millisecond}} {
		t.Run(mode.name, func(t *testing.T) {
			dir := example(t)
			studyFile := filepath.Join(dir, "study.yaml")
			cache := &build.Cache{Dir: build.DefaultCacheDir(dir)}
			srv, err := Start(Options{StudyFile: studyFile, Tool: "test", Cache: cache, Poll: mode.poll,
				Now: func() time.Time { return time.Unix(1700000000, 0) }})
			if err != nil {
				t.Fatal(err)
			}
			url := srv.URL()
			page := get(t, url)
			if !strings.Contains(page, `class="draft-banner"`) || !strings.Contains(page, "live.js") {
				t.Fatalf("the contents page is not marked as a draft with live reload:\n%.400s", page)
			}
			ev := events(t, url)

			fixture.Replace(t, filepath.Join(dir, "content", "introduction.md"), "\n", "\nA sentence added while serving.\n")
			await(t, ev, "narrative edit")
			if got := get(t, url+"introduction.html"); !strings.Contains(got, "A sentence added while serving.") {
				t.Error("the narrative edit is not on the served page")
			}

			before := get(t, url+"measures.json")
			survey := filepath.Join(dir, "data", "eat", "EAT101x_post-course_survey.csv")
			b, _ := os.ReadFile(survey)
			lines := strings.SplitAfter(string(b), "\n")
			os.WriteFile(survey, []byte(strings.Join(lines[:len(lines)-40], "")), 0o644)
			await(t, ev, "data edit")
			if get(t, url+"measures.json") == before {
				t.Error("removing 40 survey responses did not change the served measures")
			}

			fixture.Replace(t, studyFile, "min_cell: 5", "min_cell: [5]")
			await(t, ev, "broken study.yaml")
			got := get(t, url+"introduction.html")
			if !strings.Contains(got, "moocreport-draft-error") || !strings.Contains(got, "study.yaml") || !strings.Contains(got, "min_cell: [5]") {
				t.Errorf("no error overlay naming study.yaml and its line:\n%s", got[max(0, len(got)-1500):])
			}
			if !strings.Contains(got, "A sentence added while serving.") {
				t.Error("the last good draft is not shown under the overlay")
			}

			fixture.Replace(t, studyFile, "min_cell: [5]", "min_cell: 5")
			await(t, ev, "fixed study.yaml")
			if got := get(t, url+"introduction.html"); strings.Contains(got, "moocreport-draft-error") {
				t.Error("the overlay stays after the fix")
			}
			if pdf := get(t, url+"report.pdf"); !strings.HasPrefix(pdf, "%PDF-") {
				t.Errorf("report.pdf is not a PDF: %.20q", pdf)
			}
			tmp := srv.tmp
			if err := srv.Close(); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(tmp); !os.IsNotExist(err) {
				t.Errorf("the drafts folder %s is left behind", tmp)
			}
			if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
				t.Error("serve wrote public/")
			}
		})
	}
}

// TestServeRefusesOtherAddresses: a draft is not published, so it is
// served on the loopback interface only.
func TestServeRefusesOtherAddresses(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", ":8080", "192.168.1.2:80"} {
		if _, err := Start(Options{StudyFile: "study.yaml", Addr: addr}); err == nil {
			t.Errorf("%s accepted", addr)
		}
	}
}

// BenchmarkReloadAfterNarrativeEdit is the time from saving a narrative
// file to the reload event of the open page: the watcher's debounce, the
// rebuild from cached data and charts, and the site's rendering (the PDF
// follows after the reload).
func BenchmarkReloadAfterNarrativeEdit(b *testing.B) {
	dir := b.TempDir()
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..")
	os.Symlink(filepath.Join(root, "data"), filepath.Join(dir, "data"))
	os.CopyFS(filepath.Join(dir, "content"), os.DirFS(filepath.Join(root, "content")))
	y, _ := os.ReadFile(filepath.Join(root, "study.yaml"))
	os.WriteFile(filepath.Join(dir, "study.yaml"), y, 0o644)
	srv, err := Start(Options{StudyFile: filepath.Join(dir, "study.yaml"), Tool: "bench", Cache: &build.Cache{Dir: build.DefaultCacheDir(dir)}})
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	resp, err := http.Get(srv.URL() + "_moocreport/events")
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	next := func() {
		for sc.Scan() {
			if sc.Text() == "event: reload" {
				return
			}
		}
		b.Fatal("event stream ended")
	}
	intro := filepath.Join(dir, "content", "introduction.md")
	i := 0
	for b.Loop() {
		i++
		f, _ := os.OpenFile(intro, os.O_APPEND|os.O_WRONLY, 0)
		f.WriteString("\nEdit " + strings.Repeat("x", i%7) + ".\n")
		f.Close()
		next()
		// Let the PDF of this draft finish, so the next edit is timed alone.
		get := func() {
			r, err := http.Get(srv.URL() + "report.pdf")
			if err == nil {
				io.Copy(io.Discard, r.Body)
				r.Body.Close()
			}
		}
		b.StopTimer()
		get()
		b.StartTimer()
	}
}
