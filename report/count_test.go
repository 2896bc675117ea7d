package report

import "testing"

func TestCount(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want string
	}{{0, "0 input files"}, {1, "1 input file"}, {2, "2 input files"}, {178, "178 input files"}} {
		if got := Count(tc.n, "input file"); got != tc.want {
			t.Errorf("Count(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}
