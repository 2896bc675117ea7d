package measures

import (
	"fmt"
	"math"
	"testing"

	"github.com/moocreport/moocreport/report"
)

// figureByID finds a figure in a section, and the index of its block.
func figureByID(blocks []report.Block, id string) (*report.Figure, int) {
	for i, b := range blocks {
		if b.Figure != nil && b.Figure.ID == id {
			return b.Figure, i
		}
	}
	return nil, -1
}

// TestLikertFunnelAndBandFigures checks the shapes the charts package
// draws: Likert items as diverging bars with the whole scale, the funnel
// chart just before its table, and Wilson bands around the weekly shares
// that are shown, and only those.
func TestLikertFunnelAndBandFigures(t *testing.T) {
	ds := smallDataset()
	for i := range 20 {
		ds.Responses = append(ds.Responses, report.Response{Instrument: "pre", Course: "big", Learner: fmt.Sprintf("B%02d", i),
			Answers: map[string]string{"L1": fmt.Sprint(2 + i%4), "L2": "5"}})
	}
	res, err := Compute(itemsStudy(), ds)
	if err != nil {
		t.Fatal(err)
	}

	lik, _ := figureByID(res.Sections["surveys"], "surveys-likert-big-pre-chart")
	if lik == nil {
		t.Fatal("no Likert figure for big/pre")
	}
	if lik.Kind != report.FigureDiverging || len(lik.Series) != 5 || lik.Series[0].Name != "SD" {
		t.Errorf("Likert figure: kind %q, %d series from %q; want diverging, the 5 levels from SD", lik.Kind, len(lik.Series), lik.Series[0].Name)
	}
	// L1: answers 2,3,4,5 five times each; nobody chose SD, which is 0, not left out.
	if v := lik.Series[0].Values[0]; v != 0 {
		t.Errorf("empty level SD = %v, want 0", v)
	}
	wantAlt := "Diverging bar chart, Big, Pre: answers to the Likert items; % of answers by item, from SD on the left to SA on the right. Likes: 50.0 % agree, 25.0 % disagree; Dislikes: 100.0 % agree, 0.0 % disagree."
	if lik.Alt != wantAlt {
		t.Errorf("Likert alt =\n%s\nwant\n%s", lik.Alt, wantAlt)
	}

	act := res.Sections["activity"]
	fun, fi := figureByID(act, "activity-funnel-chart")
	if fun == nil {
		t.Fatal("no funnel figure")
	}
	if fi+1 >= len(act) || act[fi+1].Table == nil || act[fi+1].Table.ID != "activity-funnel" {
		t.Errorf("the funnel figure is not right before the funnel table")
	}
	if fun.Kind != report.FigureBars || len(fun.Categories) != 5 || len(fun.Series) != 2 {
		t.Fatalf("funnel: kind %q, %d stages, %d courses", fun.Kind, len(fun.Categories), len(fun.Series))
	}
	if big := fun.Series[0].Values; big[0] != 100 || big[1] != 100 || !math.IsNaN(big[2]) {
		t.Errorf("big funnel = %v; want enrolled and active 100 %%, explored n/a (no chapters)", big)
	}
	for i, v := range fun.Series[1].Values {
		if !math.IsNaN(v) {
			t.Errorf("tiny course (3 learners) funnel stage %s drawn as %v", fun.Categories[i], v)
		}
	}

	wk, _ := figureByID(act, "activity-weekly-active-chart")
	if wk == nil {
		t.Fatal("no weekly active figure")
	}
	for _, s := range wk.Series {
		if len(s.Lo) != len(s.Values) || len(s.Hi) != len(s.Values) {
			t.Fatalf("%s: band of %d/%d for %d values", s.Name, len(s.Lo), len(s.Hi), len(s.Values))
		}
		for i, v := range s.Values {
			if math.IsNaN(v) != math.IsNaN(s.Lo[i]) || math.IsNaN(v) != math.IsNaN(s.Hi[i]) {
				t.Errorf("%s week %d: value %v with band %v–%v; want a band exactly where a value is shown", s.Name, i+1, v, s.Lo[i], s.Hi[i])
			}
			if !math.IsNaN(v) && (s.Lo[i] > v || v > s.Hi[i]) {
				t.Errorf("%s week %d: %v outside its band %v–%v", s.Name, i+1, v, s.Lo[i], s.Hi[i])
			}
		}
	}
	// Big, week 1: all 40 enrolled active. Wilson score interval by hand,
	// z = 1.959964: centre (1 + z²/80)/(1 + z²/40) = 0.956194, half-width
	// z/(1 + z²/40)·√(z²/6400) = 0.043814 → 0.91238; the upper bound is 1.
	// The band keeps full precision; the hand value has five digits.
	if b := wk.Series[0]; math.Abs(b.Lo[0]-91.238) > 5e-4 || b.Hi[0] != 100 {
		t.Errorf("big week 1 band = %v–%v, want 91.238–100", b.Lo[0], b.Hi[0])
	}
}

func TestAltFunnel(t *testing.T) {
	nan := math.NaN()
	f := &report.Figure{Categories: []string{"Enrolled", "Active", "Explored", "Passed", "Certified"},
		Series: []report.Series{{Name: "EAT101x", Values: []float64{100, 80.5, nan, 20, 12.5}}}}
	want := "Bar chart of the engagement funnel, each stage as a share of enrolled learners in %. EAT101x: active 80.5 %, explored withheld or not available, passed 20.0 %, certified 12.5 %."
	if got := altFunnel(f); got != want {
		t.Errorf("altFunnel =\n%s\nwant\n%s", got, want)
	}
}

func TestAltLikert(t *testing.T) {
	nan := math.NaN()
	levels := func(vals ...[]float64) []report.Series {
		names := []string{"SD", "D", "N", "A", "SA"}
		out := make([]report.Series, len(vals))
		for i, v := range vals {
			out[i] = report.Series{Name: names[i], Values: v}
		}
		return out
	}
	tests := []struct {
		name string
		fig  report.Figure
		want string
	}{
		{"agree is the top two, disagree the bottom two",
			report.Figure{Title: "EAT101x, Post: answers", Categories: []string{"Clear"},
				Series: levels([]float64{4.1}, []float64{8}, []float64{26}, []float64{40.2}, []float64{21.7})},
			"Diverging bar chart, EAT101x, Post: answers; % of answers by item, from SD on the left to SA on the right. Clear: 61.9 % agree, 12.1 % disagree."},
		{"a withheld level withholds its side only",
			report.Figure{Title: "T", Categories: []string{"Clear"},
				Series: levels([]float64{nan}, []float64{8}, []float64{26}, []float64{40}, []float64{22})},
			"Diverging bar chart, T; % of answers by item, from SD on the left to SA on the right. Clear: 62.0 % agree, disagree withheld."},
		{"an item with too few answers is withheld",
			report.Figure{Title: "T", Categories: []string{"Clear", "Kind"},
				Series: levels([]float64{0, nan}, []float64{0, nan}, []float64{50, nan}, []float64{50, nan}, []float64{0, nan})},
			"Diverging bar chart, T; % of answers by item, from SD on the left to SA on the right. Clear: 50.0 % agree, 0.0 % disagree; Kind: withheld."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := altLikert(&tt.fig); got != tt.want {
				t.Errorf("altLikert =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// TestBandsForShorterCourse: a course shorter than the longest has no
// value and no band after its last week (it used to index past its weeks).
func TestBandsForShorterCourse(t *testing.T) {
	s := smallStudy()
	s.Courses[0].Weeks = 3
	res, err := Compute(s, smallDataset())
	if err != nil {
		t.Fatal(err)
	}
	wk, _ := figureByID(res.Sections["activity"], "activity-weekly-active-chart")
	if wk == nil || len(wk.Categories) != 3 {
		t.Fatalf("weekly figure: %+v", wk)
	}
	tiny := wk.Series[1]
	if !math.IsNaN(tiny.Values[2]) || !math.IsNaN(tiny.Lo[2]) || !math.IsNaN(tiny.Hi[2]) {
		t.Errorf("tiny week 3 (after its 2 weeks): %v, band %v–%v; want all NaN", tiny.Values[2], tiny.Lo[2], tiny.Hi[2])
	}
}
