package ingest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/moocreport/moocreport/report"
)

// FuzzParseTime: the hand-written path accepts only what time.Parse
// accepts, with the same instant.
func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2026-03-02T10:15:30.123456+00:00", "2026-03-02T10:15:30Z", "2026-03-02T10:15:30",
		"2024-02-29T23:59:59.9+00:00", "2023-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-03-02T24:00:00Z",
		"2026-03-02T10:15:60Z", "2026-03-02T10:15:30.+00:00", "2026-03-02T10:15:30.1234567891Z", "1969-12-31T23:59:59.999Z",
		"2026-03-02T10:15:30-05:00", "2026-03-02 10:15:30Z", "0000-01-01T00:00:00Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ms, ok := fastTime([]byte(s))
		if !ok {
			return
		}
		want, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			want, err = time.Parse("2006-01-02T15:04:05.999999999", s)
		}
		if err != nil {
			t.Fatalf("fastTime accepts %q, time.Parse does not: %v", s, err)
		}
		if want.UnixMilli() != ms {
			t.Fatalf("fastTime(%q) = %d ms, time.Parse %d", s, ms, want.UnixMilli())
		}
	})
}

// bigEvent is a valid event of the tiny course whose payload pads it to
// about size bytes.
func bigEvent(size int) string {
	return `{"time": "2026-03-03T12:00:00Z", "event_type": "seq_goto", "context": {"course_id": "course-v1:TinyX+T101+2026", "user_id": 101}, "event": "` +
		strings.Repeat("x", size) + `"}` + "\n"
}

// TestTrackingLongLines: a line up to MaxLine is read whatever its length
// next to the chunk size; a longer one is skipped as too long, named by its
// line, and counts as malformed; nothing else is lost around it.
func TestTrackingLongLines(t *testing.T) {
	c := tinyCourse(t)
	small := bigEvent(10)
	share := 0.5
	tests := []struct {
		name    string
		in      string
		maxLine int
		weeks   int // seq_goto events counted
		tooLong int
		err     string
	}{
		{"3 MiB line is read by default", small + bigEvent(3<<20) + small, 0, 3, 0, ""},
		{"line over a small limit in a chunk", small + bigEvent(300) + small, 200, 2, 1, ""},
		{"line over the limit and the chunk size", small + bigEvent(chunkSize+5) + small, 2 * chunkSize / 3, 2, 1, ""},
		{"line over a limit above the chunk size", small + bigEvent(3<<20) + small + bigEvent(2<<20) + small, 5 << 19, 4, 1, ""},
		{"unterminated long last line", small + small + strings.Repeat(" ", 3<<20), 2 << 20, 2, 1, ""},
		{"too many", bigEvent(3 << 20), 1 << 20, 0, 0,
			"f:1: too many malformed lines: 1 of 1 lines are not JSON events, at most 0 (50 %) tolerated; this is the first: line longer than 1048576 bytes (the limit for one line)"},
	}
	for _, tt := range tests {
		for _, zipped := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/gzip=%v", tt.name, zipped), func(t *testing.T) {
				in := []byte(tt.in)
				if zipped {
					in = gzipBytes(t, in)
				}
				tr, err := ReadTracking(bytes.NewReader(in), "f", c, TrackingOptions{MaxLine: tt.maxLine, MaxBadLines: &share})
				if tt.err != "" {
					checkErr(t, err, tt.err)
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				n := 0
				for _, w := range tr.Weeks {
					n += w.Events[report.KindPage]
				}
				var want []report.Skip
				if tt.tooLong > 0 {
					want = []report.Skip{{File: "f", Reason: SkipTooLong, Count: tt.tooLong, Course: "tiny"}}
				}
				if n != tt.weeks || !reflect.DeepEqual(tr.Skips, want) {
					t.Errorf("got %d events, skips %+v; want %d, %+v", n, tr.Skips, tt.weeks, want)
				}
			})
		}
	}
}

// TestTrackingChunks: a log of several chunks, with lines across chunk
// boundaries, gives the same result read whole on one core, whole on two,
// and cut into many files.
func TestTrackingChunks(t *testing.T) {
	c := &Course{Key: "bench", ID: benchCourse.ID, Start: benchCourse.Start, Salt: "s"}
	var whole bytes.Buffer
	dir := t.TempDir()
	var files []string
	for d := 0; d < 6; d++ {
		var day bytes.Buffer
		for i := 0; i < 1500; i++ {
			day.WriteString(benchEvent(c.ID, d, i))
		}
		whole.Write(day.Bytes())
		name := fmt.Sprintf("day-%d.gz", d)
		if err := os.WriteFile(filepath.Join(dir, name), gzipBytes(t, day.Bytes()), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, name)
	}
	if whole.Len() < 3*chunkSize {
		t.Fatalf("log of %d bytes is too small to cut into chunks", whole.Len())
	}
	read := func(procs int) *Tracking {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		tr, err := ReadTracking(bytes.NewReader(whole.Bytes()), "whole", c, TrackingOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return tr
	}
	one, two := read(1), read(2)
	split, err := ReadTrackingFiles(dir, files, c, TrackingOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if want := []report.Skip{{File: "whole", Reason: SkipOtherCourse, Count: 6 * 1500 / 20, Course: "bench"}}; !reflect.DeepEqual(one.Skips, want) {
		t.Errorf("skips = %+v, want %+v", one.Skips, want)
	}
	others := func(tr *Tracking) int { // lines of other courses, over all files
		n := 0
		for _, byID := range tr.OtherCourses {
			for _, k := range byID {
				n += k
			}
		}
		return n
	}
	if a, b := others(one), others(split); a != 6*1500/20 || b != a {
		t.Errorf("lines of other courses: %d read whole, %d cut into files; want %d", a, b, 6*1500/20)
	}
	for _, tr := range []*Tracking{one, two, split} {
		tr.Skips, tr.OtherCourses = nil, nil
	}
	if !reflect.DeepEqual(one, two) || !reflect.DeepEqual(one, split) {
		t.Error("a log read on one core, on two, and cut into files gives different results")
	}
	if len(one.Weeks) == 0 || len(one.Problems) == 0 || len(one.Reach) == 0 {
		t.Errorf("nothing read: %d weeks, %d problems, %d reach", len(one.Weeks), len(one.Problems), len(one.Reach))
	}
}

// zeroBomb returns a gzip stream that inflates to size bytes of zeros, one
// "line": the same small member repeated (gzip readers read concatenated
// members as one stream), so building it costs nothing.
func zeroBomb(t testing.TB, size int) []byte {
	member := gzipBytes(t, make([]byte, 1<<20))
	return bytes.Repeat(member, size>>20)
}

// TestTrackingGzipBomb: a 1 MB gzip inflating to 1 GiB of zeros, one line
// without a newline, is refused naming file and line, and what reading it
// allocates stays near the line limit, far under the 512 MB the issue
// allows (measured with runtime.ReadMemStats, not by timing).
func TestTrackingGzipBomb(t *testing.T) {
	if testing.Short() {
		t.Skip("inflates 1 GiB")
	}
	c := tinyCourse(t)
	bomb := zeroBomb(t, 1<<30)
	if len(bomb) > 2<<20 {
		t.Fatalf("bomb of %d bytes", len(bomb))
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := ReadTracking(bytes.NewReader(bomb), "bomb.log.gz", c, TrackingOptions{})
	runtime.ReadMemStats(&after)
	checkErr(t, err, "bomb.log.gz:1: too many malformed lines: 1 of 1 lines are not JSON events, at most 0 (0.1 %) tolerated; this is the first: line longer than 16777216 bytes (the limit for one line)")
	// Allocated in all: the chunk pool, the line growing to the limit
	// (1+2+…+16 MiB+1), the gzip reader.
	t.Logf("allocated %d MiB, heap reserved %d MiB", (after.TotalAlloc-before.TotalAlloc)>>20, after.HeapSys>>20)
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
		t.Errorf("reading the bomb allocated %d MiB, want under 64 MiB", alloc>>20)
	}
	if after.HeapSys > 512<<20 {
		t.Errorf("heap reserved %d MiB, want under 512 MiB", after.HeapSys>>20)
	}
}
