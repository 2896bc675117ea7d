package ingest

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/klauspost/compress/gzip"
)

// benchLogs is a month of generated gzipped logs (30 files, 150,000
// events, 126 MB of JSON), written once per test binary.
var benchLogs struct {
	once          sync.Once
	dir           string
	files         []string
	events, bytes int
	err           error
}

var benchCourse = &Course{Key: "bench", ID: "course-v1:BenchX+B101+2026", Start: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), Salt: "s"}

// writeBenchLogs writes the files under $MOOCREPORT_BENCH_LOGS when set
// (to keep them for `gzip -dc` or a profiler), else a temporary folder.
func writeBenchLogs() {
	l := &benchLogs
	l.dir = os.Getenv("MOOCREPORT_BENCH_LOGS")
	if l.dir == "" {
		l.dir, l.err = os.MkdirTemp("", "moocreport-bench")
		if l.err != nil {
			return
		}
	}
	for d := 0; d < 30; d++ {
		var buf bytes.Buffer
		for i := 0; i < 5000; i++ {
			buf.WriteString(benchEvent(benchCourse.ID, d, i))
			l.events++
		}
		l.bytes += buf.Len()
		var z bytes.Buffer
		zw := gzip.NewWriter(&z)
		zw.Write(buf.Bytes())
		zw.Close()
		name := fmt.Sprintf("tracking.log-202603%02d.gz", d+1)
		if l.err = os.WriteFile(filepath.Join(l.dir, name), z.Bytes(), 0o644); l.err != nil {
			return
		}
		l.files = append(l.files, name)
	}
}

// cpuTime is the CPU time (user and system) this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkTrackingLogs reads the month of logs through ReadTrackingFiles
// at GOMAXPROCS 1, 2 and all, and reports events/s and MB/s of
// uncompressed JSON by wall time, MB per CPU second (the speed of one
// core, which a busy shared machine disturbs less than wall time), and
// the process's peak RSS. BenchmarkTrackingLogs/gzip-d does the same for
// decompression alone on all cores, the floor ingest is measured
// against, and /gzip-dc for the `gzip -dc` command on the same files.
func BenchmarkTrackingLogs(b *testing.B) {
	benchLogs.once.Do(writeBenchLogs)
	l := &benchLogs
	if l.err != nil {
		b.Fatal(l.err)
	}
	procs := []int{1, 2, runtime.NumCPU()}
	if procs[2] <= 2 {
		procs = procs[:2]
	}
	for _, p := range procs {
		b.Run(fmt.Sprintf("procs=%d", p), func(b *testing.B) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(p))
			benchRun(b, func() {
				if _, err := ReadTrackingFiles(l.dir, l.files, benchCourse, TrackingOptions{}); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
	b.Run("gzip-d", func(b *testing.B) { benchRun(b, func() { gunzipAll(b, l.dir, l.files) }) })
	if _, err := exec.LookPath("gzip"); err == nil {
		b.Run("gzip-dc", func(b *testing.B) {
			var cpu time.Duration
			for b.Loop() {
				cmd := exec.Command("gzip", append([]string{"-dc"}, l.files...)...)
				cmd.Dir, cmd.Stdout = l.dir, io.Discard
				if err := cmd.Run(); err != nil {
					b.Fatal(err)
				}
				cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
			}
			reportBench(b, cpu)
		})
	}
}

// benchRun times run and reports its throughput.
func benchRun(b *testing.B, run func()) {
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		run()
	}
	reportBench(b, cpuTime()-cpu0)
}

func reportBench(b *testing.B, cpu time.Duration) {
	l := &benchLogs
	sec := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(float64(l.events)/sec, "events/s")
	b.ReportMetric(float64(l.bytes)/1e6/sec, "MB/s")
	b.ReportMetric(float64(l.bytes)/1e6*float64(b.N)/cpu.Seconds(), "MB/cpu-s")
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err == nil {
		b.ReportMetric(float64(ru.Maxrss)/1024, "peak-RSS-MiB")
	}
}

// gunzipAll decompresses the files on all cores, one file per core.
func gunzipAll(b *testing.B, dir string, files []string) {
	var wg sync.WaitGroup
	jobs := make(chan string)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for name := range jobs {
				f, err := os.Open(filepath.Join(dir, name))
				if err != nil {
					b.Error(err)
					continue
				}
				zr, err := gzip.NewReader(f)
				if err == nil {
					_, err = io.Copy(io.Discard, zr)
				}
				if err != nil {
					b.Error(err)
				}
				f.Close()
			}
		})
	}
	for _, f := range files {
		jobs <- f
	}
	close(jobs)
	wg.Wait()
}

// TestMain removes the benchmarks' temporary logs when the test binary
// ends (they are kept only under $MOOCREPORT_BENCH_LOGS).
func TestMain(m *testing.M) {
	code := m.Run()
	if benchLogs.dir != "" && os.Getenv("MOOCREPORT_BENCH_LOGS") == "" {
		os.RemoveAll(benchLogs.dir)
	}
	os.Exit(code)
}
