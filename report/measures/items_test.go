package measures

import (
	"fmt"
	"strings"
	"testing"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/stats"
	"github.com/moocreport/moocreport/report/study"
)

// itemsStudy has one big-course instrument with every question type and
// a two-item scale with one reverse-coded item.
func itemsStudy() *study.Study {
	s := smallStudy()
	s.Surveys = append(s.Surveys, study.Survey{Key: "pre", Course: "big", Title: "Pre", Questions: []study.Question{
		{ID: "S", Label: "Status", Type: "single"}, {ID: "M", Label: "Reasons", Type: "multi"}, {ID: "N", Label: "Hours", Type: "numeric"},
		{ID: "L1", Label: "Likes", Type: "likert", Scale: "a5"}, {ID: "L2", Label: "Dislikes", Type: "likert", Scale: "a5"},
	}})
	s.Scales["mood"] = study.Scale{Labels: s.Scales["a5"].Labels, ScaleItems: study.ScaleItems{Items: map[string][]string{"pre": {"L1", "L2"}}, Reverse: []string{"L2"}}}
	return s
}

func TestItemsAndScales(t *testing.T) {
	ds := smallDataset()
	var l1, l2 []float64
	for i := range 20 {
		a := map[string]string{"S": "Student", "M": "Fun,Job", "N": fmt.Sprint(i), "L1": fmt.Sprint(1 + i%5), "L2": fmt.Sprint(5 - i%4)}
		if i >= 12 {
			a["S"], a["M"] = "Employed", "Fun"
		}
		l1, l2 = append(l1, float64(1+i%5)), append(l2, float64(6-(5-i%4)))
		ds.Responses = append(ds.Responses, report.Response{Instrument: "pre", Course: "big", Learner: fmt.Sprintf("B%02d", i), Answers: a})
	}
	res, err := Compute(itemsStudy(), ds)
	if err != nil {
		t.Fatal(err)
	}
	byID := measureMap(res)
	want := map[string]float64{
		"big.pre.s.student": 12, "big.pre.s.student.share": 60, "big.pre.s.employed.share": 40,
		// Select-all: 20 respondents, all chose Fun, 12 also Job; shares are of respondents.
		"big.pre.m.fun": 20, "big.pre.m.fun.share": 100, "big.pre.m.job.share": 60,
		"big.pre.n.n": 20, "big.pre.n.median": 9.5,
		"big.pre.scale.mood.n": 20,
	}
	for id, v := range want {
		if m, ok := byID[id]; !ok || m.Value != v {
			t.Errorf("%s = %+v, want %v", id, m, v)
		}
	}
	// L2 is reverse-coded: 6 − answer before alpha.
	rows := make([][]float64, len(l1))
	for i := range l1 {
		rows[i] = []float64{l1[i], l2[i]}
	}
	a, err := stats.CronbachAlpha(rows)
	if err != nil {
		t.Fatal(err)
	}
	if m := byID["big.pre.scale.mood.alpha"]; m.Text != a.APA() {
		t.Errorf("alpha = %q, want %q (reverse-coded L2)", m.Text, a.APA())
	}
	// The tiny course's 3 numeric answers would be withheld; its post
	// survey has none, and its Likert figure draws nothing.
	for _, b := range res.Sections["surveys"] {
		if f := b.Figure; f != nil && f.ID == "surveys-likert-tiny-post-chart" {
			for _, s := range f.Series {
				for _, v := range s.Values {
					if v == v { // not NaN
						t.Errorf("tiny Likert figure draws %v for %s", v, s.Name)
					}
				}
			}
		}
	}
}

func TestActivityPresetsAndFunnel(t *testing.T) {
	for _, tt := range []struct {
		preset   string
		wantEver float64
	}{{"insights", 40}, {"harvardx", 20}} {
		t.Run(tt.preset, func(t *testing.T) {
			s := smallStudy()
			s.Activity = study.Activity{Preset: tt.preset, Explored: 0.5}
			ds := smallDataset()
			// Half the big course only posted in the forum.
			for i := range ds.Activity {
				if ds.Activity[i].Course == "big" && i%2 == 1 {
					ds.Activity[i].Events = [report.NumKinds]int{report.KindForum: 3}
				}
			}
			ds.Chapters = map[string]int{"big": 4}
			for i := range 10 {
				ds.Reach = append(ds.Reach, report.Reach{Course: "big", Learner: fmt.Sprintf("B%02d", i), Chapters: 1 + i%4})
			}
			res, err := Compute(s, ds)
			if err != nil {
				t.Fatal(err)
			}
			byID := measureMap(res)
			if m := byID["big.active.ever"]; m.Value != tt.wantEver {
				t.Errorf("big.active.ever = %v, want %v", m.Value, tt.wantEver)
			}
			// Chapters 1,2,3,4,1,2,3,4,1,2: 7 of 10 reached ≥ 2 of 4.
			if m := byID["big.funnel.explored"]; m.Value != 7 {
				t.Errorf("big.funnel.explored = %+v, want 7", m)
			}
			if _, ok := byID["tiny.funnel.explored"]; ok {
				t.Errorf("explored published for a course without chapter counts")
			}
		})
	}
}

// TestAnswerOrder: ordinal answers keep the order the study lists them
// in, coded answers go in numeric order, and nominal ones by frequency.
func TestAnswerOrder(t *testing.T) {
	count := map[string]int{"2–5": 305, "None": 201, "1": 193, "More than 5": 166}
	tests := []struct {
		name    string
		count   map[string]int
		options []string
		want    string
	}{
		{"listed options, in their order", count, []string{"None", "1", "2–5", "More than 5"}, "None|1|2–5|More than 5"},
		{"an option nobody chose is left out", map[string]int{"1": 3, "None": 9}, []string{"None", "1", "2–5"}, "None|1"},
		{"coded answers in numeric order", map[string]int{"10": 1, "2": 5, "1": 9}, nil, "1|2|10"},
		{"nominal answers by frequency, ties by name", map[string]int{"Student": 5, "Retired": 9, "Employed": 5}, nil, "Retired|Employed|Student"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := strings.Join(answerOrder(tt.count, tt.options), "|"); got != tt.want {
				t.Errorf("order %s, want %s", got, tt.want)
			}
		})
	}
}
