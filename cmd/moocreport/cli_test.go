package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// TestCommandFlags: each command lists only its own flags; -h and help
// exit 0 with the usage on stdout; misuse exits 2 with it on stderr.
func TestCommandFlags(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		out, err []string // each must appear in stdout, stderr
		notOut   []string // must not appear in stdout
	}{
		{args: []string{"check", "-h"}, out: []string{"usage: moocreport check", "-study", "-q"}, notOut: []string{"-force", "-draft", "-appendix", "-public"}},
		{args: []string{"help", "check"}, out: []string{"usage: moocreport check", "-study"}, notOut: []string{"-force"}},
		{args: []string{"build", "-h"}, out: []string{"usage: moocreport build", "-force", "-draft", "-appendix", "-public", "-q"}},
		{args: []string{"build", "--help"}, out: []string{"usage: moocreport build"}},
		{args: []string{"help", "build"}, out: []string{"usage: moocreport build", "-draft"}},
		{args: []string{"version", "-h"}, out: []string{"usage: moocreport version"}},
		{args: []string{"version"}, out: []string{"moocreport " + version}},
		{args: []string{"help"}, out: []string{"commands:", "build", "check", "help build"}},
		{args: []string{"-h"}, out: []string{"commands:"}},
		{args: []string{"help", "nope"}, code: 2, err: []string{`unknown command "nope"`}},
		{args: []string{"nope"}, code: 2, err: []string{`unknown command "nope"`, "commands:"}},
		{args: nil, code: 2, err: []string{"commands:"}},
		{args: []string{"check", "-force"}, code: 2, err: []string{"moocreport check: flag provided but not defined: -force", "usage: moocreport check"}},
		{args: []string{"check", "study.yaml"}, code: 2, err: []string{`unexpected argument "study.yaml"`}},
		{args: []string{"build", "-force", "-draft"}, code: 2, err: []string{"-force and -draft do not go together"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, out, errOut := moocreport(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit code %d, want %d; stderr: %s", code, tt.code, errOut)
			}
			for _, w := range tt.out {
				if !strings.Contains(out, w) {
					t.Errorf("stdout lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tt.err {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errOut)
				}
			}
			for _, w := range tt.notOut {
				if strings.Contains(out, w) {
					t.Errorf("stdout has %q, another command's flag:\n%s", w, out)
				}
			}
		})
	}
}

// TestSourceDateEpoch: out-of-range or garbled values are refused with a
// message naming the variable, before any work (once a year past 9999
// came out as an internal JSON error).
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
	t.Setenv("SOURCE_DATE_EPOCH", "253402300800")
	code, _, errOut := moocreport(t, "build", "-study", "no-such-study.yaml")
	if code != 1 || !strings.Contains(errOut, "SOURCE_DATE_EPOCH: want whole seconds") || strings.Contains(errOut, "json") {
		t.Errorf("build with SOURCE_DATE_EPOCH past 9999: code %d, %s", code, errOut)
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
