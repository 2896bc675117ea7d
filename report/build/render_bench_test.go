package build

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/moocreport/moocreport/internal/fixture"
)

// BenchmarkRender is everything a cold build of the example does after
// the measures: charts drawn, web pages, PDF, and publishing into an empty
// public/. Nothing comes from a cache. Issue 12's target is under 0.5 s on
// one core:
//
//	go test -run '^$' -bench Render -cpu 1 ./report/build
func BenchmarkRender(b *testing.B) {
	p, err := Prepare(filepath.Join(fixture.RepoRoot(b), "study.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		if _, err := p.publish(Options{Public: b.TempDir(), Built: time.Unix(0, 0), Tool: "bench"}); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu)
}

// cpuTime is the CPU time this process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU reports the CPU time per operation since since, on every
// core: on a machine shared with other work, wall time (ns/op) grows with
// the load, CPU time much less.
func reportCPU(b *testing.B, since time.Duration) {
	b.ReportMetric((cpuTime()-since).Seconds()/float64(b.N), "cpu-s/op")
}

// BenchmarkRenderWarm is BenchmarkRender with the cache a previous build
// of the same measures left: charts, the PDF's layout and its compressed
// attachments are reused, as in a rebuild after an edit to the narrative.
func BenchmarkRenderWarm(b *testing.B) {
	p, err := Prepare(filepath.Join(fixture.RepoRoot(b), "study.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	opt := Options{Built: time.Unix(0, 0), Tool: "bench", Cache: &Cache{Dir: b.TempDir()}}
	opt.Public = b.TempDir()
	if _, err := p.publish(opt); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		opt.Public = b.TempDir()
		if _, err := p.publish(opt); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu)
}
