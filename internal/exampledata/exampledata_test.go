package exampledata

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/moocreport/moocreport/internal/fixture"
)

var (
	genOnce sync.Once
	genDir  string
	genErr  error
)

// generated runs Generate once per test binary into a temporary directory.
func generated(t *testing.T) string {
	t.Helper()
	genOnce.Do(func() {
		genDir, genErr = os.MkdirTemp("", "exampledata")
		if genErr == nil {
			genErr = Generate(genDir, DefaultSeed)
		}
	})
	if genErr != nil {
		t.Fatal(genErr)
	}
	return genDir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if genDir != "" {
		os.RemoveAll(genDir)
	}
	os.Exit(code)
}

// hashes maps each file under root/sub to its SHA-256, keyed by the path
// relative to root.
func hashes(t *testing.T, root string, subs ...string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, sub := range subs {
		err := filepath.WalkDir(filepath.Join(root, sub), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, path)
			out[filepath.ToSlash(rel)] = fmt.Sprintf("%x", sha256.Sum256(b))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// TestCommittedDataIsReproducible proves the committed data/ tree is exactly
// what the generator writes with the default seed, byte for byte.
func TestCommittedDataIsReproducible(t *testing.T) {
	var keys []string
	for _, c := range courses {
		keys = append(keys, c.key)
	}
	got := hashes(t, generated(t), keys...)
	want := hashes(t, filepath.Join(fixture.RepoRoot(t), "data"), keys...)
	if len(got) == 0 {
		t.Fatal("the generator wrote no files")
	}
	var names []string
	for n := range got {
		names = append(names, n)
	}
	for n := range want {
		if _, ok := got[n]; !ok {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		switch g, w := got[n], want[n]; {
		case w == "":
			t.Errorf("data/%s: generated but not committed (run go run ./cmd/gendata -out data)", n)
		case g == "":
			t.Errorf("data/%s: committed but no longer generated", n)
		case g != w:
			t.Errorf("data/%s: committed file differs from a fresh run", n)
		}
	}
}

// TestGenerateIsDeterministic checks a second run in the same process gives
// the same bytes (no map order or scheduling leaks into the output).
func TestGenerateIsDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("second generation")
	}
	dir := t.TempDir()
	if err := Generate(dir, DefaultSeed); err != nil {
		t.Fatal(err)
	}
	a, b := hashes(t, generated(t), "eat", "sus"), hashes(t, dir, "eat", "sus")
	if fmt.Sprint(a) != fmt.Sprint(b) {
		t.Fatal("two runs with the same seed differ")
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll() // also checks every row has the header's column count
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}

// logStats is what the headline test needs from one course's logs.
type logStats struct {
	events, legacy, anonymous, task int
	active                          map[int]map[float64]bool // week → learners
	perWeek                         map[int]int              // week → learner events
}

var requiredKeys = []string{"username", "event_source", "name", "accept_language", "time", "agent", "page",
	"host", "session", "referer", "context", "ip", "event", "event_type"}

func readLogs(t *testing.T, dir string, c *courseSpec) logStats {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, c.key, "logs", "tracking.log-*.gz"))
	if from, to := logWindow(c); len(files) != int(to.Sub(from).Hours()/24) {
		t.Fatalf("%s: %d log files, want one per day from %s to %s", c.key, len(files), from.Format(time.DateOnly), to.Format(time.DateOnly))
	}
	st := logStats{active: map[int]map[float64]bool{}, perWeek: map[int]int{}}
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(fh)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		sc := bufio.NewScanner(zr)
		sc.Buffer(nil, 1<<20)
		for n := 1; sc.Scan(); n++ {
			var e map[string]any
			if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
				t.Fatalf("%s:%d: %v", f, n, err)
			}
			for _, k := range requiredKeys {
				if _, ok := e[k]; !ok {
					t.Fatalf("%s:%d: no key %q", f, n, k)
				}
			}
			st.events++
			ctx := e["context"].(map[string]any)
			uid, isUser := ctx["user_id"].(float64)
			at, err := time.Parse("2006-01-02T15:04:05.999999-07:00", e["time"].(string))
			if err != nil {
				t.Fatalf("%s:%d: %v", f, n, err)
			}
			typ := e["event_type"].(string)
			switch {
			case ctx["course_id"] != c.courseID():
				st.legacy++
			case !isUser:
				st.anonymous++
			case e["event_source"] == "task":
				st.task++
			case !strings.HasPrefix(typ, "edx.course.enrollment"):
				w := int(at.Sub(c.start).Hours()/(24*7)) + 1
				if at.Before(c.start) {
					w = 0
				}
				if st.active[w] == nil {
					st.active[w] = map[float64]bool{}
				}
				st.active[w][uid] = true
				st.perWeek[w]++
			}
		}
		if err := sc.Err(); err != nil && err != io.EOF {
			t.Fatalf("%s: %v", f, err)
		}
		fh.Close()
	}
	return st
}

// TestHeadlineProperties checks the story the example study tells and that
// every file parses as its format.
func TestHeadlineProperties(t *testing.T) {
	dir := generated(t)
	logs := map[string]logStats{}
	for i := range courses {
		c := &courses[i]
		t.Run(c.key, func(t *testing.T) {
			prof := readCSV(t, filepath.Join(dir, c.key, c.filePrefix()+"_student_profile_info_"+c.exported+".csv"))
			if got := strings.Join(prof[0], ","); got != strings.Join(profileHeader, ",") {
				t.Errorf("profile header %q", got)
			}
			if len(prof)-1 != c.learners {
				t.Errorf("profile: %d learners, want %d", len(prof)-1, c.learners)
			}
			verified, countries := 0, map[string]int{}
			for _, row := range prof[1:] {
				if row[11] == "verified" {
					verified++
				}
				countries[row[15]]++
			}
			if share := float64(verified) / float64(c.learners); share < c.verified-0.03 || share > c.verified+0.03 {
				t.Errorf("verified share %.3f, want about %.2f", share, c.verified)
			}
			small := 0
			for k, n := range countries {
				if k != "" && n < 5 {
					small++
				}
			}
			if small < 3 {
				t.Errorf("only %d countries with fewer than 5 learners; small-cell suppression needs some", small)
			}

			grades := readCSV(t, filepath.Join(dir, c.key, c.filePrefix()+"_grade_report_"+c.exported+".csv"))
			if len(grades)-1 != c.learners {
				t.Errorf("grade report: %d rows, want %d", len(grades)-1, c.learners)
			}
			for _, row := range grades[1:] {
				var g float64
				fmt.Sscan(row[3], &g)
				if g < 0 || g > 1 {
					t.Errorf("grade %q out of range", row[3])
				}
				if row[6] == "Y" && (row[4] != "verified" || g < passMark) {
					t.Errorf("certificate eligible but %s with grade %v", row[4], g)
				}
				if row[7] == "Y" && row[6] != "Y" {
					t.Errorf("certificate delivered to an ineligible learner %s", row[0])
				}
			}

			logs[c.key] = readLogs(t, dir, c)
			st := logs[c.key]
			if st.legacy == 0 || st.legacy > 60 || st.anonymous == 0 || st.anonymous > 60 || st.task == 0 || st.task > 20 {
				t.Errorf("oddities: %d other-course, %d anonymous, %d task events; want a few of each", st.legacy, st.anonymous, st.task)
			}
		})
	}
	eat, sus := logs["eat"], logs["sus"]
	for w := 1; w <= courses[0].weeks; w++ {
		ea, sa := len(eat.active[w]), len(sus.active[w])
		if ea <= sa {
			t.Errorf("week %d: %d active in EAT, %d in SUS; EAT should lead every week", w, ea, sa)
		}
		if e, s := float64(eat.perWeek[w])/float64(ea), float64(sus.perWeek[w])/float64(sa); e <= s {
			t.Errorf("week %d: %.1f events per active EAT learner, %.1f in SUS; EAT should lead", w, e, s)
		}
	}
	if r := float64(len(eat.active[8])) / float64(len(eat.active[1])); r < float64(len(sus.active[8]))/float64(len(sus.active[1])) {
		t.Errorf("EAT keeps %.2f of its week-1 learners to week 8, less than SUS", r)
	}
}

// TestSurveys checks each survey export's shape and the response patterns
// the survey measures must handle.
func TestSurveys(t *testing.T) {
	dir := generated(t)
	tests := []struct {
		course, instrument string
		rate               float64 // responses per enrolled learner
		confidence         []int   // columns of the three confidence items
	}{
		{"eat", "pre", 0.30, []int{20, 21, 22}},
		{"eat", "post", 0.10, []int{17, 18, 19}},
		{"sus", "pre", 0.30, []int{20, 21, 22}},
		{"sus", "post", 0.10, []int{17, 18, 19}},
	}
	means := map[string]float64{}
	usernames := map[string]map[string]bool{}
	for _, tc := range tests {
		t.Run(tc.course+"-"+tc.instrument, func(t *testing.T) {
			c := courseByKey(t, tc.course)
			path := filepath.Join(dir, tc.course, c.number+"_"+tc.instrument+"-course_survey.csv")
			raw, _ := os.ReadFile(path)
			if !bytes.HasPrefix(raw, []byte("\ufeff\"StartDate\"")) || !bytes.Contains(raw, []byte("\"\r\n\"")) {
				t.Errorf("want a BOM, quoted fields and CRLF line ends")
			}
			rows := readCSV(t, path)
			if !strings.HasPrefix(rows[2][0], `{"ImportId":`) {
				t.Errorf("third header row %q is not ImportId JSON", rows[2][0])
			}
			resp := rows[3:]
			learners := map[string]bool{}
			for _, row := range readCSV(t, filepath.Join(dir, c.key, c.filePrefix()+"_student_profile_info_"+c.exported+".csv"))[1:] {
				learners[row[1]] = true
			}
			unmatched := 0
			for _, row := range resp {
				if !learners[row[len(row)-1]] {
					unmatched++
				}
			}
			if unmatched == 0 || unmatched > len(resp)/10 {
				t.Errorf("%d of %d responses link to no learner; want a few", unmatched, len(resp))
			}
			if got := float64(len(resp)) / float64(c.learners); got < tc.rate*0.9 || got > tc.rate*1.15 {
				t.Errorf("%d responses, %.3f of enrolled; want about %.2f", len(resp), got, tc.rate)
			}
			seen, dup, unfinished, sum, n := map[string]bool{}, 0, 0, 0.0, 0
			usernames[tc.course+tc.instrument] = seen
			for _, row := range resp {
				u := row[len(row)-1]
				if u != "" && seen[u] {
					dup++
				}
				seen[u] = true
				if row[6] == "False" {
					unfinished++
				}
				for _, col := range tc.confidence {
					for k, label := range agree5 {
						if row[col] == label {
							sum += float64(k + 1)
							n++
						}
					}
				}
			}
			if dup == 0 || unfinished == 0 {
				t.Errorf("%d duplicates, %d unfinished; want some of each", dup, unfinished)
			}
			means[tc.course+tc.instrument] = sum / float64(n)
		})
	}
	for _, k := range []string{"eat", "sus"} {
		if means[k+"post"] <= means[k+"pre"] {
			t.Errorf("%s: confidence %.2f after, %.2f before; want a rise", k, means[k+"post"], means[k+"pre"])
		}
		pairs := 0
		for u := range usernames[k+"post"] {
			if u != "" && usernames[k+"pre"][u] {
				pairs++
			}
		}
		if pairs < len(usernames[k+"post"])/2 {
			t.Errorf("%s: %d matched pre/post pairs; want most post respondents", k, pairs)
		}
	}
}

func courseByKey(t *testing.T, key string) *courseSpec {
	for i := range courses {
		if courses[i].key == key {
			return &courses[i]
		}
	}
	t.Fatalf("no course %q", key)
	return nil
}

// TestRepeatEvents: each event n times, a second apart, never past the end
// of its day, so writeLogs still finds every day's events together.
func TestRepeatEvents(t *testing.T) {
	const from = int64(0)
	evs := []event{{at: 10 * 1_000_000, who: 1}, {at: dayMicros - 1_500_000, who: 2}, {at: dayMicros + 5, who: 3}}
	got := repeatEvents(evs, 3, from)
	want := []int64{10_000_000, 11_000_000, 12_000_000, dayMicros - 1_500_000, dayMicros - 500_000, dayMicros - 1, dayMicros + 5, dayMicros + 1_000_005, dayMicros + 2_000_005}
	if len(got) != len(want) {
		t.Fatalf("%d events, want %d", len(got), len(want))
	}
	for i, e := range got {
		if e.at != want[i] || e.who != evs[i/3].who {
			t.Errorf("event %d: at %d who %d, want at %d who %d", i, e.at, e.who, want[i], evs[i/3].who)
		}
	}
}
