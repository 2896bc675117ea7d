package measures

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/study"
)

func TestSuppressColumn(t *testing.T) {
	tests := []struct {
		name      string
		counts    []int
		hide, sec string // positions as 0/1 strings
	}{
		{"nothing under k", []int{10, 20, 5}, "000", "000"},
		{"zero is not disclosive", []int{10, 0, 7}, "000", "000"},
		{"one small cell takes the next smallest with it", []int{10, 3, 7, 40}, "0110", "0010"},
		{"two small cells protect each other", []int{10, 3, 2, 40}, "0110", "0000"},
		{"a total under k hides every cell, zeros too", []int{1, 2, 0}, "111", "000"},
		// Issue 15: Gender "Other" and "Not stated" both "<5" while the
		// total minus the published cells is 2 — each is exactly 1.
		{"two small cells that must add up to 2 take a third", []int{40, 1, 1, 10}, "0111", "0001"},
		{"two small cells narrowed to 3–4 take a third", []int{40, 4, 3, 10}, "0111", "0001"},
		{"ties for next smallest take the first", []int{3, 8, 8}, "110", "010"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hide, sec := suppressColumn(tt.counts, 5)
			if got := bits(hide); got != tt.hide {
				t.Errorf("hide = %s, want %s", got, tt.hide)
			}
			if got := bits(sec); got != tt.sec {
				t.Errorf("secondary = %s, want %s", got, tt.sec)
			}
		})
	}
}

func bits(b []bool) string {
	var s strings.Builder
	for _, x := range b {
		if x {
			s.WriteByte('1')
		} else {
			s.WriteByte('0')
		}
	}
	return s.String()
}

// smallStudy is a study with a large course and a deliberately small one.
func smallStudy() *study.Study {
	start := study.Date{Time: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)}
	return &study.Study{
		ID: "s", Title: "T", Version: "1", Salt: "x", Privacy: study.Privacy{MinCell: 5}, Outline: study.DefaultOutline,
		Courses: []study.Course{
			{Key: "big", Name: "Big", Short: "Big", CourseID: "c1", Role: "study", Start: start, Weeks: 2, PassMark: 0.5},
			{Key: "tiny", Name: "Tiny", Short: "Tiny", CourseID: "c2", Role: "baseline", Start: start, Weeks: 2, PassMark: 0.5},
		},
		Scales: map[string]study.Scale{"a5": {Labels: []string{"SD", "D", "N", "A", "SA"}}},
		Surveys: []study.Survey{
			{Key: "post", Course: "tiny", Title: "Post", Questions: []study.Question{{ID: "Q1", Label: "Satisfied", Type: "likert", Scale: "a5"}}},
		},
	}
}

func smallDataset() *report.Dataset {
	ds := &report.Dataset{}
	for i := range 40 {
		g := "m"
		if i < 3 {
			g = "o" // 3 learners: under k
		} else if i < 20 {
			g = "f"
		}
		ds.Learners = append(ds.Learners, report.Learner{ID: fmt.Sprintf("B%02d", i), Course: "big", Gender: g, YearOfBirth: 1990, Mode: "audit", Country: "SE"})
		ds.Grades = append(ds.Grades, report.Grade{Learner: fmt.Sprintf("B%02d", i), Course: "big", Grade: float64(i) / 40, Track: "audit"})
		ds.Activity = append(ds.Activity, report.LearnerWeek{Course: "big", Learner: fmt.Sprintf("B%02d", i), Week: 1, Events: [report.NumKinds]int{report.KindVideo: 2}})
	}
	for i := range 3 {
		id := fmt.Sprintf("T%d", i)
		ds.Learners = append(ds.Learners, report.Learner{ID: id, Course: "tiny", Gender: "f", YearOfBirth: 1980, Mode: "verified", Country: "NO"})
		ds.Grades = append(ds.Grades, report.Grade{Learner: id, Course: "tiny", Grade: 0.9, Track: "verified", CertificateDelivered: true})
		ds.Activity = append(ds.Activity, report.LearnerWeek{Course: "tiny", Learner: id, Week: 1, Events: [report.NumKinds]int{report.KindProblem: 1}})
		ds.Responses = append(ds.Responses, report.Response{Instrument: "post", Course: "tiny", Learner: id, Finished: true, Answers: map[string]string{"Q1": "SA"}})
	}
	return ds
}

// TestSmallCohortIsSuppressed proves disclosure control on a course of 3
// learners: no count, share or statistic about it is published.
func TestSmallCohortIsSuppressed(t *testing.T) {
	res, err := Compute(smallStudy(), smallDataset())
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]report.Measure{}
	for _, m := range res.Measures {
		byID[m.ID] = m
	}
	for _, id := range []string{"tiny.enrolled", "tiny.active.w1", "tiny.active.w1.share", "tiny.pass-rate", "tiny.pass-rate.ci95", "tiny.certificates",
		"tiny.post.responses", "tiny.post.q1.n", "tiny.gender.female", "tiny.gender.female.share"} {
		m, ok := byID[id]
		if !ok {
			t.Errorf("%s: missing", id)
			continue
		}
		if m.Withheld == "" || m.Value != 0 || m.Text != "<5" {
			t.Errorf("%s = %+v, want suppressed with value 0 and text <5", id, m)
		}
	}
	if _, ok := byID["tiny.post.q1.mean"]; ok {
		t.Errorf("a mean was published for a group of 3")
	}
	// In the big course, "Other" gender (3) is a primary suppression, and
	// the next smallest cell is withheld so Total − rest cannot reveal it.
	if m := byID["big.gender.other"]; m.Withheld == "" {
		t.Errorf("big.gender.other = %+v, want suppressed", m)
	}
	if m := byID["big.gender.female"]; m.Withheld != report.WithheldSecondary || m.Text != "[c]" {
		t.Errorf("big.gender.female = %+v, want secondary suppression marked [c], not <5", m)
	}
	if m := byID["big.enrolled"]; m.Withheld != "" || m.Value != 40 {
		t.Errorf("big.enrolled = %+v, want 40", m)
	}
	// Every table cell and figure value about the tiny course is withheld,
	// and every table or figure showing a mark explains it.
	for _, blocks := range res.Sections {
		for _, b := range blocks {
			checkMarksExplained(t, b)
			if b.Figure != nil {
				for _, s := range b.Figure.Series {
					if s.Name != "Tiny" {
						continue
					}
					for i, v := range s.Values {
						if !math.IsNaN(v) && v != 0 {
							t.Errorf("figure %s draws %v for Tiny at %s", b.Figure.ID, v, b.Figure.Categories[i])
						}
					}
				}
			}
		}
	}
	var reasons []string
	for _, s := range res.Disclosure {
		reasons = append(reasons, s.Where+" "+s.Cell+" "+s.Reason)
	}
	log := strings.Join(reasons, "\n")
	if !strings.Contains(log, "learners-gender female / Big secondary") || !strings.Contains(log, "tiny.enrolled value primary: n < 5") {
		t.Errorf("disclosure log lacks expected entries:\n%s", log)
	}
}

func TestMeasureIDsAreUniqueAndSorted(t *testing.T) {
	res, err := Compute(smallStudy(), smallDataset())
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(res.Measures); i++ {
		if res.Measures[i-1].ID >= res.Measures[i].ID {
			t.Fatalf("measures not sorted or duplicated at %s, %s", res.Measures[i-1].ID, res.Measures[i].ID)
		}
	}
	for _, m := range res.Measures {
		if m.Definition == "" {
			t.Errorf("%s has no definition", m.ID)
		}
	}
}

func TestLikertPoint(t *testing.T) {
	labels := []string{"Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"}
	for _, tt := range []struct {
		in   string
		want int
	}{{"Agree", 4}, {"strongly agree", 5}, {"1", 1}, {"6", 0}, {"Maybe", 0}} {
		if got := likertPoint(tt.in, labels); got != tt.want {
			t.Errorf("likertPoint(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestAgeBand(t *testing.T) {
	for _, tt := range []struct {
		yob  int
		want string
	}{{0, "Not stated"}, {2020, "Not stated"}, {1900, "Not stated"}, {2002, "Under 25"}, {2001, "25–34"}, {1961, "65 and over"}} {
		if got := ageBand(tt.yob, 2026); got != tt.want {
			t.Errorf("ageBand(%d) = %q, want %q", tt.yob, got, tt.want)
		}
	}
}

// TestManyGroupsGoLong proves a cross table over more than three courses
// turns into one row per course, keeping each suppression.
func TestManyGroupsGoLong(t *testing.T) {
	c := &computer{k: 5, res: &Result{Sections: map[string][]report.Block{}}, ids: map[string]bool{}, led: newLedger(5)}
	tab, fig := c.build(crossTab{id: "x", title: "Results", rowHeader: "Result", rows: []string{"Pass", "Fail"},
		groups: []string{"A", "B", "C", "D"}, groupKeys: []string{"a", "b", "c", "d"},
		counts: [][]int{{10, 10}, {20, 5}, {3, 30}, {8, 12}}, measurePre: "result", definition: "d"})
	if got := strings.Join(tab.Columns, "|"); got != "Course|Pass|Fail|Total" {
		t.Fatalf("columns = %s", got)
	}
	if len(tab.Rows) != 4 || tab.Rows[0][1].Text != "10 (50.0 %)" || tab.Rows[3][3].Text != "20" {
		t.Errorf("rows = %+v", tab.Rows)
	}
	// C's Pass (3) is primary, its Fail (30) secondary: both withheld,
	// each marked for what it is.
	if tab.Rows[2][1].Withheld != report.WithheldPrimary || tab.Rows[2][1].Text != "<5" ||
		tab.Rows[2][2].Withheld != report.WithheldSecondary || tab.Rows[2][2].Text != report.SecondaryMark {
		t.Errorf("course C row = %+v, want Pass <5 (primary), Fail [c] (secondary)", tab.Rows[2])
	}
	if strings.Join(fig.Categories, "") != "ABCD" || len(fig.Series) != 2 || fig.Series[0].Name != "Pass" || !math.IsNaN(fig.Series[0].Values[2]) {
		t.Errorf("figure = %+v", fig)
	}
	if len(fig.Table.Rows) != 4 {
		t.Errorf("figure data table has %d rows, want one per course", len(fig.Table.Rows))
	}
}

// TestDimensionKeepsSourceCodings proves labels outside edX's codings
// (the OULAD's age bands and education levels) get rows of their own
// instead of falling into a wrong one.
func TestDimensionKeepsSourceCodings(t *testing.T) {
	c := &computer{indexes: &indexes{byCourse: map[string][]report.Learner{"a": {
		{AgeBand: "0-35"}, {AgeBand: "0-35"}, {AgeBand: "35-55"}, {AgeBand: "55<="}, {},
	}}}}
	rows, counts := c.dimension([]string{"a"}, func(l report.Learner) string {
		if l.AgeBand == "" {
			return "Not stated"
		}
		return l.AgeBand
	}, ageOrder)
	if got := strings.Join(rows, "|"); got != "0-35|35-55|55<=|Not stated" {
		t.Errorf("rows = %s", got)
	}
	if fmt.Sprint(counts) != "[[2 1 1 1]]" {
		t.Errorf("counts = %v", counts)
	}
	rows, _ = c.dimension([]string{"a"}, func(report.Learner) string { return "Under 25" }, ageOrder)
	if len(rows) != len(ageOrder) {
		t.Errorf("with only known labels every known row stays: %v", rows)
	}
}

func TestFlip(t *testing.T) {
	tab := &report.Table{Columns: []string{"Week", "A n", "A %", "B n", "B %"}, Rows: [][]report.Cell{
		{textCell("1"), textCell("10"), textCell("50 %"), textCell("4"), textCell("40 %")},
		{textCell("2"), textCell("8"), textCell("40 %"), textCell("2"), textCell("20 %")},
	}}
	flip(tab)
	if got := strings.Join(tab.Columns, "|"); got != "Week|1|2" {
		t.Errorf("columns = %s", got)
	}
	var got []string
	for _, r := range tab.Rows {
		var cells []string
		for _, c := range r {
			cells = append(cells, c.Text)
		}
		got = append(got, strings.Join(cells, ","))
	}
	if strings.Join(got, ";") != "A n,10,8;A %,50 %,40 %;B n,4,2;B %,40 %,20 %" {
		t.Errorf("rows = %v", got)
	}
}

// checkMarksExplained fails when a table, or a figure's data, shows a
// withheld mark its note (and the figure's caption) does not explain.
func checkMarksExplained(t *testing.T, b report.Block) {
	t.Helper()
	check := func(tab *report.Table, caption string, figure bool) {
		for _, row := range tab.Rows {
			for _, c := range row {
				if c.Withheld == "" {
					continue
				}
				mark := c.Withheld.Mark(5)
				if c.Text != mark && !strings.HasPrefix(c.Text, "withheld") {
					t.Errorf("%s: %s cell shows %q, want %q", tab.ID, c.Withheld, c.Text, mark)
				}
				if !strings.Contains(tab.Note, mark+":") || (figure && !strings.Contains(caption, mark+":")) {
					t.Errorf("%s shows %s but its note %q (caption %q) does not explain it", tab.ID, mark, tab.Note, caption)
				}
			}
		}
	}
	if b.Table != nil {
		check(b.Table, "", false)
	}
	if b.Figure != nil {
		check(&b.Figure.Table, b.Figure.Caption, true)
	}
}
