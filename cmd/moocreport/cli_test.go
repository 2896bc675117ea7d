package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// TestSourceDateEpoch: out-of-range or garbled values are refused with a
// message naming the variable (usage.txtar checks the command refuses
// them before any work).
func TestSourceDateEpoch(t *testing.T) {
	tests := []struct {
		v    string
		want time.Time // zero with ok: unset
		ok   bool
	}{
		{"", time.Time{}, true},
		{"0", time.Unix(0, 0).UTC(), true},
		{"1767225600", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), true},
		{"253402300799", time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC), true},
		{"253402300800", time.Time{}, false},
		{"99999999999999", time.Time{}, false},
		{"-1", time.Time{}, false},
		{"1e9", time.Time{}, false},
		{" 1767225600", time.Time{}, false},
		{"yesterday", time.Time{}, false},
	}
	for _, tt := range tests {
		got, err := sourceDateEpoch(tt.v)
		if (err == nil) != tt.ok || !got.Equal(tt.want) {
			t.Errorf("sourceDateEpoch(%q) = %v, %v; want %v, ok %v", tt.v, got, err, tt.want, tt.ok)
		}
		if err != nil && !strings.Contains(err.Error(), "SOURCE_DATE_EPOCH: want whole seconds since 1970-01-01 UTC") {
			t.Errorf("sourceDateEpoch(%q): %v does not say what is wanted", tt.v, err)
		}
	}
}

func TestBump(t *testing.T) {
	for v, want := range map[string]string{"1.0.0": "1.0.1", "v2": "v3", "1.9": "1.10", "2026-spring": "2027-spring", "1.0-rc1": "1.0-rc2", "beta": ""} {
		if got := bump(v); got != want {
			t.Errorf("bump(%q) = %q, want %q", v, got, want)
		}
	}
}

// TestProgress: on a terminal each finished stage stays as a line with
// its duration; elsewhere, or with -q, nothing is shown.
func TestProgress(t *testing.T) {
	var buf bytes.Buffer
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	p := &progress{w: &buf, now: func() time.Time { return clock }, stop: make(chan struct{}), stopped: make(chan struct{})}
	go p.tick()
	p.stage("reading the data")
	clock = clock.Add(2500 * time.Millisecond)
	p.stage("rendering the PDF")
	clock = clock.Add(time.Second)
	p.done()
	lines := strings.Split(strings.ReplaceAll(buf.String(), "\r\033[K", "\r"), "\n")
	var shown []string
	for _, l := range lines {
		if i := strings.LastIndex(l, "\r"); i >= 0 {
			l = l[i+1:]
		}
		shown = append(shown, l)
	}
	if got := strings.Join(shown, "|"); got != "reading the data: 2.5 s|rendering the PDF: 1.0 s|" {
		t.Errorf("terminal shows %q", got)
	}

	// While the data is read: bytes of the total, rate and time left.
	buf.Reset()
	clock = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	p = &progress{w: &buf, now: func() time.Time { return clock }, reading: func() (int64, int64, bool) { return 1_200_000_000, 3_400_000_000, true }}
	p.stage("reading the data")
	clock = clock.Add(10 * time.Second)
	p.draw()
	if want := "reading the data… 10s: 1.2 GB of 3.4 GB (35 %), 120 MB/s, about 18s left"; !strings.HasSuffix(buf.String(), want) {
		t.Errorf("while reading, the terminal shows %q, want it to end with %q", buf.String(), want)
	}

	for _, quiet := range []bool{false, true} {
		var b bytes.Buffer
		q := newProgress(&b, quiet)
		q.stage("reading the data")
		q.done()
		if b.Len() != 0 {
			t.Errorf("progress written to a buffer (not a terminal), quiet %v: %q", quiet, b.String())
		}
	}
}
