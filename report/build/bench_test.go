package build

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/moocreport/moocreport/internal/fixture"
)

// BenchmarkPrepare reads, aggregates and measures the whole example study:
// everything a build does before rendering. It reports learner-weeks
// aggregated per second and the process's peak resident memory, since
// memory, not time, is what limits a laptop on a large course.
func BenchmarkPrepare(b *testing.B) {
	studyFile := filepath.Join(fixture.RepoRoot(b), "study.yaml")
	var weeks int
	start := time.Now()
	for b.Loop() {
		p, err := Prepare(studyFile)
		if err != nil {
			b.Fatal(err)
		}
		weeks = p.Data.LearnerWeeks
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

// exampleCopy copies the example study's study.yaml and content/ into a
// temporary folder and links its data/, so a benchmark can edit the
// narrative without touching the repository.
func exampleCopy(b testing.TB) string {
	root := fixture.RepoRoot(b)
	dir := b.TempDir()
	if err := os.Symlink(filepath.Join(root, "data"), filepath.Join(dir, "data")); err != nil {
		b.Fatal(err)
	}
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS(filepath.Join(root, "content"))); err != nil {
		b.Fatal(err)
	}
	y, err := os.ReadFile(filepath.Join(root, "study.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "study.yaml"), y, 0o644); err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkBuild is a whole build of the example (ingest, measures, site,
// PDF), cold: no cache. BenchmarkRebuildAfterNarrativeEdit is the same
// build after one sentence of content/ changed, with the cache a previous
// build left: the target is at most 15 % of the cold build.
func BenchmarkBuild(b *testing.B) {
	dir := exampleCopy(b)
	cpu := cpuTime()
	for b.Loop() {
		if _, err := Run(Options{StudyFile: filepath.Join(dir, "study.yaml"), Public: b.TempDir(), Built: time.Unix(0, 0), Tool: "bench"}); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu)
	b.ReportMetric(peakRSSMiB(), "peak-RSS-MiB")
}

func BenchmarkRebuildAfterNarrativeEdit(b *testing.B) {
	dir := exampleCopy(b)
	// A study's data files are older than its narrative edits: past the
	// stat index's racy window, so a rebuild need not read them to know
	// they did not change (see trusted).
	time.Sleep(racyWindow)
	cache := &Cache{Dir: filepath.Join(dir, ".moocreport-cache")}
	opt := Options{StudyFile: filepath.Join(dir, "study.yaml"), Built: time.Unix(0, 0), Tool: "bench", Cache: cache, Force: true}
	opt.Public = b.TempDir()
	if _, err := Run(opt); err != nil {
		b.Fatal(err)
	}
	intro := filepath.Join(dir, "content", "introduction.md")
	i := 0
	cpu := cpuTime()
	for b.Loop() {
		i++
		f, err := os.OpenFile(intro, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			b.Fatal(err)
		}
		fmt.Fprintf(f, "\nEdit %d.\n", i)
		f.Close()
		if _, err := Run(opt); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu)
	b.ReportMetric(peakRSSMiB(), "peak-RSS-MiB")
}
