package main

import (
	"math"
	"os"
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
// runs at budgetGCPercent under it.
func TestLimitMemorySetsTheBudget(t *testing.T) {
	for _, v := range []string{"GOMEMLIMIT", "GOGC"} {
		if _, set := os.LookupEnv(v); set {
			t.Skipf("%s is set: limitMemory leaves the collector as the user set it", v)
		}
	}
	limitMemory()
	gogc := debug.SetGCPercent(100)
	limit := debug.SetMemoryLimit(math.MaxInt64)
	if gogc != budgetGCPercent || limit != heapBudget {
		t.Errorf("GOGC %d and memory limit %d MiB, want %d and %d MiB", gogc, limit>>20, budgetGCPercent, heapBudget>>20)
	}
}
