package par

import (
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
)

// TestEach runs every call once, never more than workers at a time, and
// returns the first failing call's error by index, whatever the timing.
func TestEach(t *testing.T) {
	for _, tc := range []struct {
		n, workers int
		fail       []int
		want       string
	}{
		{0, 4, nil, ""},
		{10, 4, nil, ""},
		{10, 1, []int{7, 3}, "call 3"},
		{100, 16, []int{99, 50, 51}, "call 50"},
		{3, 16, []int{2}, "call 2"},
	} {
		var calls, running, most atomic.Int64
		seen := make([]atomic.Int64, tc.n)
		err := Each(tc.n, tc.workers, func(i int) error {
			calls.Add(1)
			seen[i].Add(1)
			r := running.Add(1)
			defer running.Add(-1)
			for m := most.Load(); r > m && !most.CompareAndSwap(m, r); m = most.Load() {
			}
			for _, f := range tc.fail {
				if f == i {
					return errors.New(fmt.Sprint("call ", i))
				}
			}
			return nil
		})
		if got := fmt.Sprint(err); (err == nil) != (tc.want == "") || err != nil && got != tc.want {
			t.Errorf("n=%d: error %v, want %q", tc.n, err, tc.want)
		}
		if calls.Load() != int64(tc.n) || most.Load() > int64(tc.workers) {
			t.Errorf("n=%d: %d calls, %d at once; want %d calls, at most %d at once", tc.n, calls.Load(), most.Load(), tc.n, tc.workers)
		}
		for i := range seen {
			if seen[i].Load() != 1 {
				t.Errorf("n=%d: call %d made %d times", tc.n, i, seen[i].Load())
			}
		}
	}
}
