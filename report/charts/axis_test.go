package charts

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/moocreport/moocreport/report"
)

func TestNiceAxis(t *testing.T) {
	for _, tc := range []struct {
		lo, hi float64
		want   []string
	}{
		{0, 2950, []string{"0", "500", "1000", "1500", "2000", "2500", "3000"}},
		{0, 50.1, []string{"0", "10", "20", "30", "40", "50", "60"}},
		{0, 0, []string{"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"}},
		{0, 0.004, []string{"0.000", "0.001", "0.002", "0.003", "0.004"}},
		{-3.5, 2, []string{"−4", "−3", "−2", "−1", "0", "1", "2"}},
		{0, 252000, []string{"0", "50,000", "100,000", "150,000", "200,000", "250,000", "300,000"}},
	} {
		t.Run(fmt.Sprint(tc.lo, "..", tc.hi), func(t *testing.T) {
			a := niceAxis(tc.lo, tc.hi)
			if !slices.Equal(a.labels, tc.want) {
				t.Errorf("labels %q, want %q", a.labels, tc.want)
			}
			if a.lo > tc.lo || a.hi < tc.hi {
				t.Errorf("axis %g..%g does not cover %g..%g", a.lo, a.hi, tc.lo, tc.hi)
			}
		})
	}
}

func TestFormatNumber(t *testing.T) {
	for _, tc := range []struct {
		v        float64
		decimals int
		want     string
	}{
		{0, 0, "0"},
		{-0.0001, 2, "0.00"},
		{1500, 0, "1500"},
		{12500, 0, "12,500"},
		{-1234567.5, 1, "−1,234,567.5"},
		{0.25, 2, "0.25"},
	} {
		if got := formatNumber(tc.v, tc.decimals); got != tc.want {
			t.Errorf("formatNumber(%g, %d) = %q, want %q", tc.v, tc.decimals, got, tc.want)
		}
	}
}

// TestPlanXLabels checks the promise that matters: labels drawn under the
// axis never overlap, whatever their number and length.
func TestPlanXLabels(t *testing.T) {
	m, err := measurer(Width)
	if err != nil {
		t.Fatal(err)
	}
	weeks := make([]string, 52)
	for i := range weeks {
		weeks[i] = fmt.Sprint(i + 1)
	}
	long := []string{"Master's or professional degree", "Bachelor's degree", "Secondary / high school",
		strings.Repeat("very long answer ", 20)}
	for _, tc := range []struct {
		name       string
		labels     []string
		slot       float64
		rotateOK   bool
		wantRotate bool
		wantThin   bool
	}{
		{"8 weeks fit", weeks[:8], 90, false, false, false},
		{"52 weeks thin out", weeks, 14, false, false, true},
		{"long bars turn", long, 120, true, true, false},
		{"long bins thin out", long, 120, false, false, true},
		{"many long bars turn and thin", append(long, long...), 10, true, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := planXLabels(m, tc.labels, tc.slot, tc.rotateOK)
			if p.rotate != tc.wantRotate || (p.every > 1) != tc.wantThin {
				t.Errorf("rotate=%v every=%d, want rotate=%v thinned=%v", p.rotate, p.every, tc.wantRotate, tc.wantThin)
			}
			apart := float64(p.every) * tc.slot // between the anchors of two drawn labels
			for i, l := range p.text {
				w := m.width(l, sizeTick)
				switch {
				case p.rotate && w > maxRotatedLabel:
					t.Errorf("turned label %q is %.0f px", l, w)
				case p.rotate && apart*math.Sqrt2/2 < sizeTick*1.2:
					t.Errorf("turned labels %.1f px apart", apart*math.Sqrt2/2)
				case !p.rotate && p.shown(i) && w+labelGap > apart:
					t.Errorf("label %q (%.0f px) overlaps in %.0f px", l, w, apart)
				}
			}
		})
	}
}

func TestHorizontal(t *testing.T) {
	bars := func(cats ...string) *report.Figure {
		return &report.Figure{Kind: report.FigureBars, Categories: cats}
	}
	for _, tc := range []struct {
		name string
		fig  *report.Figure
		want bool
	}{
		{"few short categories stand", bars("Pre", "Post"), false},
		{"many categories lie", bars("a", "b", "c", "d", "e", "f", "g"), true},
		{"a long label lies", bars("Completed the course and earned a certificate", "b", "c", "d", "e"), true},
	} {
		if got := horizontal(tc.fig, Width); got != tc.want {
			t.Errorf("%s: horizontal = %v, want %v", tc.name, got, tc.want)
		}
	}
}
