package build

import (
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// BenchmarkPrepare reads, aggregates and measures the whole example study:
// everything a build does before rendering. It reports learner-weeks
// aggregated per second and the process's peak resident memory, since
// memory, not time, is what limits a laptop on a large course.
func BenchmarkPrepare(b *testing.B) {
	_, file, _, _ := runtime.Caller(0)
	studyFile := filepath.Join(filepath.Dir(file), "..", "..", "study.yaml")
	var weeks int
	start := time.Now()
	for b.Loop() {
		p, err := Prepare(studyFile)
		if err != nil {
			b.Fatal(err)
		}
		weeks = len(p.Dataset.Activity)
	}
	b.ReportMetric(float64(weeks)*float64(b.N)/time.Since(start).Seconds(), "learner-weeks/s")
	b.ReportMetric(peakRSSMiB(), "peak-RSS-MiB")
}

// peakRSSMiB is the largest resident set this process has had.
func peakRSSMiB() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Maxrss) / 1024 // Linux reports KiB
}
