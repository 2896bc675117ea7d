package main

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestLiftLimit: the heap budget holds while the live heap is well inside
// it (a million-event course peaks near 127 MiB live) and is lifted from
// three quarters of it, 144 MiB.
func TestLiftLimit(t *testing.T) {
	for _, tt := range []struct {
		live uint64
		want bool
	}{
		{0, false},
		{127 << 20, false},
		{144 << 20, false},
		{144<<20 + 1, true},
		{1 << 30, true},
	} {
		if got := liftLimit(tt.live); got != tt.want {
			t.Errorf("liftLimit(%d MiB) = %t, want %t", tt.live>>20, got, tt.want)
		}
	}
}

// TestLimitMemorySetsTheBudget: without GOMEMLIMIT or GOGC in the
// environment, the heap budget is the soft memory limit and the collector
// runs at budgetGCPercent under it; with GOGC set, the budget holds and
// the collector is left as the user set it; with GOMEMLIMIT set, neither
// is touched. The environment is set here, whatever the test's own.
func TestLimitMemorySetsTheBudget(t *testing.T) {
	for _, tt := range []struct {
		gomemlimit, gogc string
		wantGC           int
		wantLimit        int64
	}{
		{"", "", budgetGCPercent, heapBudget},
		{"", "50", 50, heapBudget},
		{"300MiB", "", 50, math.MaxInt64},
	} {
		t.Setenv("GOMEMLIMIT", tt.gomemlimit)
		t.Setenv("GOGC", tt.gogc)
		debug.SetGCPercent(50) // what the user's GOGC would have set
		debug.SetMemoryLimit(math.MaxInt64)
		limitMemory()
		gogc := debug.SetGCPercent(100)
		limit := debug.SetMemoryLimit(math.MaxInt64)
		if gogc != tt.wantGC || limit != tt.wantLimit {
			t.Errorf("GOMEMLIMIT=%q GOGC=%q: GOGC %d and memory limit %d, want %d and %d", tt.gomemlimit, tt.gogc, gogc, limit, tt.wantGC, tt.wantLimit)
		}
	}
}
