package main

import "testing"

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
