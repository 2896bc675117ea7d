package measures

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/stats"
)

func ptr(v float64) *float64 { return &v }

// TestTestResultPartsAreNumbers: a test's measure carries the statistic,
// df, p, Holm p, effect size and n per group exactly as report/stats
// computed them, not rounded, and its value is the unrounded effect size.
func TestTestResultPartsAreNumbers(t *testing.T) {
	ds, pre, post := comparisonDataset()
	res, err := Compute(comparisonStudy(), ds)
	if err != nil {
		t.Fatal(err)
	}
	byID := measureMap(res)
	w, _ := stats.WilcoxonTest(post, pre)
	p, _ := stats.PairedTest(post, pre)
	mw, _ := stats.MannWhitneyTest(post, pre)
	tests := []struct {
		id   string
		want report.TestResult
	}{
		{"big.pre-post.confident.wilcoxon", report.TestResult{Name: "Wilcoxon signed-rank test", Statistic: "W", Value: ptr(w.W), Z: ptr(w.Z), P: w.P, PHolm: ptr(w.P), Effect: "r", EffectValue: ptr(w.R), N: []int{20}}},
		{"big.pre-post.confident.paired-t", report.TestResult{Name: "paired t-test", Statistic: "t", Value: ptr(p.T), DF: []float64{19}, P: p.P, PHolm: ptr(p.P), Effect: "dz", EffectValue: ptr(p.DZ), N: []int{20}}},
		{"big.pre-post.confident.mann-whitney", report.TestResult{Name: "Mann–Whitney U test", Statistic: "U", Value: ptr(mw.U), Z: ptr(mw.Z), P: mw.P, PHolm: ptr(mw.P), Effect: "r", EffectValue: ptr(mw.R), N: []int{20, 20}}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			m := byID[tt.id]
			if m.Test == nil {
				t.Fatalf("%s has no test parts: %+v", tt.id, m)
			}
			if !reflect.DeepEqual(*m.Test, tt.want) {
				got, _ := json.Marshal(m.Test)
				want, _ := json.Marshal(tt.want)
				t.Errorf("test parts\n got %s\nwant %s", got, want)
			}
			if m.Value != *tt.want.EffectValue {
				t.Errorf("value = %v, want the effect size %v unrounded", m.Value, *tt.want.EffectValue)
			}
		})
	}
	// A withheld test publishes none of its parts.
	for _, id := range []string{"tiny.pre-post.confident.wilcoxon", "big.vs.tiny.pass-rate"} {
		if m := byID[id]; m.Test != nil || m.CI != nil {
			t.Errorf("%s is withheld but carries %+v %+v", id, m.Test, m.CI)
		}
	}
}

// TestSharesAndIntervalsKeepFullPrecision: shares are not rounded to 0.1,
// and interval measures carry their bounds.
func TestSharesAndIntervalsKeepFullPrecision(t *testing.T) {
	res, err := Compute(smallStudy(), smallDataset())
	if err != nil {
		t.Fatal(err)
	}
	byID := measureMap(res)
	// 17 of 40 big-course learners are female ("f" for i = 3…19).
	if m := byID["big.gender.female.share"]; m.Withheld == "" && m.Value != 100*17.0/40 {
		t.Errorf("big.gender.female.share = %v, want %v", m.Value, 100*17.0/40)
	}
	// Passed: grade i/40 ≥ 0.5 for i = 20…39, 20 of 40.
	lo, hi := stats.Wilson(20, 40, 0.95)
	want := &report.Interval{Level: 0.95, Low: 100 * lo, High: 100 * hi}
	if m := byID["big.pass-rate"]; !reflect.DeepEqual(m.CI, want) || m.Value != 50 {
		t.Errorf("big.pass-rate = %v with CI %+v, want 50 with %+v", m.Value, m.CI, want)
	}
	if m := byID["big.pass-rate.ci95"]; !reflect.DeepEqual(m.CI, want) || m.Value != want.Low {
		t.Errorf("big.pass-rate.ci95 = %v with CI %+v, want its lower bound and %+v", m.Value, m.CI, want)
	}
	lo, hi = stats.Wilson(40, 40, 0.95)
	if m := byID["big.active.w1.share"]; m.CI == nil || m.CI.Low != 100*lo || m.CI.High != 100*hi {
		t.Errorf("big.active.w1.share CI = %+v, want Wilson [%v, %v]", m.CI, 100*lo, 100*hi)
	}
	if m := byID["tiny.active.w1.share"]; m.CI != nil {
		t.Errorf("withheld tiny.active.w1.share carries a CI %+v", m.CI)
	}
}
