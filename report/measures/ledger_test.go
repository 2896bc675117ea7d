package measures

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/study"
)

// attackDataset is smallDataset with the shapes issue 15's attacks need
// in the big course: 3 honor and 7 verified learners beside 30 audit
// ones, all graded, the honor ones without a certificate; 3 learners who
// withdrew (1 before the start, 2 during); one learner of gender "o" and
// one who did not state it; and a pre-course survey with 3 duplicate
// responses and a Likert item one learner answered "SD".
func attackDataset(s *study.Study) *report.Dataset {
	ds := smallDataset()
	start := s.Courses[0].Start.Time
	for i := range ds.Learners {
		l := &ds.Learners[i]
		if l.Course != "big" {
			continue
		}
		switch {
		case i < 3:
			l.Mode = "honor"
		case i < 10:
			l.Mode = "verified"
		}
		l.Enrolled = start.AddDate(0, 0, -5)
		if i >= 37 {
			l.Unenrolled = start.AddDate(0, 0, []int{-1, 3, 4}[i-37])
		}
		switch i {
		case 0:
			l.Gender = "o"
		case 1, 2:
			l.Gender = "f"
		case 3:
			l.Gender = ""
		}
		ds.Grades[i].Track = l.Mode
		ds.Grades[i].CertificateDelivered = l.Mode == "verified"
	}
	answers := []string{"SD", "A", "A", "SA", "N", "A", "SA", "A", "D", "A", "A", "SA", "N", "A", "A", "SA", "D"}
	for i, a := range answers {
		r := report.Response{Instrument: "pre", Course: "big", Learner: fmt.Sprintf("B%02d", i), Finished: true, Answers: map[string]string{"Q1": a}}
		ds.Responses = append(ds.Responses, r)
		if i < 3 { // a second response of the same learner
			ds.Responses = append(ds.Responses, r)
		}
	}
	return ds
}

func attackStudy() *study.Study {
	s := smallStudy()
	s.Surveys = append(s.Surveys, study.Survey{Key: "pre", Course: "big", Title: "Pre", Questions: []study.Question{
		{ID: "Q1", Label: "Motivated", Type: "likert", Scale: "a5"}}})
	return s
}

// TestWithheldCannotBeWorkedOut is issue 15's attacks, each a case that
// the build before the ledger published.
func TestWithheldCannotBeWorkedOut(t *testing.T) {
	s := attackStudy()
	res, err := Compute(s, attackDataset(s))
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]report.Measure{}
	for _, x := range res.Measures {
		m[x.ID] = x
	}
	withheld := func(id string) bool {
		x, ok := m[id]
		if !ok {
			t.Fatalf("measure %s missing", id)
		}
		return x.Withheld != ""
	}
	oneOf := func(ids ...string) bool {
		for _, id := range ids {
			if withheld(id) {
				return true
			}
		}
		return false
	}
	for _, tc := range []struct {
		name string
		ok   bool
	}{
		{"duplicates (3) withheld", withheld("big.pre.duplicates")},
		{"duplicates ≠ linked − respondents", oneOf("big.pre.linked", "big.pre.respondents")},
		{"withdrew (3) withheld", withheld("big.withdrawn")},
		{"withdrew ≠ ever registered − still registered", oneOf("big.enrolled", "big.enrolled.current")},
		{"withdrew before start + during: both withheld", withheld("big.withdrawn.before-start") && withheld("big.withdrawn.during")},
		{"honor track (3) withheld", withheld("big.track.honor")},
		{"honor ≠ total − verified − audit", oneOf("big.track.audit", "big.track.verified")},
		{"the withheld track is not revealed by its graded count", (!withheld("big.track.audit") || withheld("big.track.audit.graded")) &&
			(!withheld("big.track.verified") || withheld("big.track.verified.graded"))},
		{"verified share withheld with the verified count", withheld("big.track.verified") == withheld("big.verified.share")},
		{"honor registrations add up to honor: withheld, zeros too", withheld("big.registered.honor.before-start") && withheld("big.registered.honor.after")},
		{"0 certificates around 3 honor learners withheld", withheld("big.track.honor.certificates")},
		{"gender other (1) and not stated (1) take a third cell", withheld("big.gender.other") && withheld("big.gender.not-stated") &&
			oneOf("big.gender.female", "big.gender.male")},
		{"Likert level SD (1) withheld: no mean", withheld("big.pre.q1.mean") && withheld("big.pre.q1.sd") && withheld("big.pre.q1.median")},
		{"… nor agree / disagree share", withheld("big.pre.q1.agree") && withheld("big.pre.q1.disagree")},
		{"zeros about a course of 3 withheld", withheld("tiny.gender.male") && withheld("tiny.withdrawn") && withheld("tiny.track.audit")},
	} {
		if !tc.ok {
			t.Errorf("%s: no", tc.name)
		}
	}
	// Issue 15: in a course with few learners, the zeros in every other
	// category reveal them: no count or share about it is shown.
	for _, x := range res.Measures {
		if x.Course == "tiny" && (x.Unit == "learners" || x.Unit == "%") && x.Withheld == "" && x.Text != "–" {
			t.Errorf("%s = %s is shown about a course of 3 learners", x.ID, x.Text)
		}
	}
	// A withheld count's n is the count itself: never published; nor is
	// any n under k.
	for _, x := range res.Measures {
		if x.N > 0 && x.N < 5 {
			t.Errorf("%s has n = %d, under k", x.ID, x.N)
		}
		if x.Withheld != "" && x.Unit == "learners" && x.N > 0 && x.ID != "disclosure.suppressed" {
			if raw, ok := trueCount(s, x.ID); ok && raw == x.N {
				t.Errorf("%s is withheld but its n is %d, its own value", x.ID, x.N)
			}
		}
	}
	for _, d := range res.Disclosure {
		if d.Kind == "" || d.Reason == "" {
			t.Errorf("disclosure log entry without kind or reason: %+v", d)
		}
	}
}

func TestLedgerCheck(t *testing.T) {
	p, s := report.WithheldPrimary, report.WithheldSecondary
	type in struct {
		id string
		v  float64
		w  report.Withheld
	}
	for _, tc := range []struct {
		name   string
		facts  []in
		rels   [][]string // total, parts…
		within [][]string
		ties   [][2]string
		keep   []string
		want   string // forced ids with kind, sorted
	}{
		{"one withheld part is pinned by its total", []in{{"t", 20, ""}, {"a", 3, p}, {"b", 17, ""}}, [][]string{{"t", "a", "b"}}, nil, nil, nil, "b:secondary"},
		{"a withheld total is pinned by its parts", []in{{"t", 20, s}, {"a", 13, ""}, {"b", 7, ""}}, [][]string{{"t", "a", "b"}}, nil, nil, nil, "b:secondary"},
		{"two parts protect each other when they keep their range", []in{{"t", 25, ""}, {"a", 3, p}, {"b", 2, p}, {"c", 20, ""}}, [][]string{{"t", "a", "b", "c"}}, nil, nil, nil, ""},
		{"a tie withholds its partner with the same kind", []in{{"n", 3, p}, {"n.share", 7.5, ""}}, nil, nil, [][2]string{{"n", "n.share"}}, nil, "n.share:primary"},
		{"a group under k takes its zeros with it", []in{{"g", 3, p}, {"x", 0, ""}, {"y", 3, p}}, nil, [][]string{{"g", "x", "y"}}, nil, nil, "x:primary"},
		// Issue 15: honor (3) withheld, verified (7) as its complement —
		// but all verified learners are graded, and "7 graded" would pin
		// verified and so honor: it is withheld too.
		{"a shown subset bounding a secondary cell is withheld too", []in{{"t", 40, ""}, {"h", 3, p}, {"v", 7, ""}, {"a", 30, ""}, {"a.graded", 30, ""}, {"v.graded", 7, ""}, {"m", 20, ""}, {"f", 20, ""}},
			[][]string{{"t", "h", "v", "a"}, {"t", "m", "f"}}, [][]string{{"a", "a.graded"}, {"v", "v.graded"}}, nil, nil, "v.graded:secondary v:secondary"},
		// A post-course survey with fewer than 5 duplicate responses: the
		// respondents (behind the headline response rate) are kept, the
		// linked responses withheld instead, and the unmatched with them.
		{"a count readers look for is kept when another will do", []in{{"resp", 299, ""}, {"linked", 291, ""}, {"unm", 8, ""}, {"dist", 289, ""}, {"dup", 2, p}},
			[][]string{{"resp", "linked", "unm"}, {"linked", "dist", "dup"}}, nil, nil, []string{"dist"}, "linked:secondary unm:secondary"},
		{"without the preference the fewest relations decide", []in{{"resp", 299, ""}, {"linked", 291, ""}, {"unm", 8, ""}, {"dist", 289, ""}, {"dup", 2, p}},
			[][]string{{"resp", "linked", "unm"}, {"linked", "dist", "dup"}}, nil, nil, nil, "dist:secondary"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := newLedger(5)
			for _, f := range tc.facts {
				l.enter(f.id, f.v, f.w)
			}
			for _, r := range tc.rels {
				l.relate("test", r[0], r[1:]...)
			}
			for _, r := range tc.within {
				l.within(r[0], r[1:]...)
			}
			for _, x := range tc.ties {
				l.tie(x[0], x[1])
			}
			l.prefer(tc.keep...)
			var got []string
			for id, f := range l.check() {
				got = append(got, id+":"+string(f.w))
			}
			sort.Strings(got)
			if g := strings.Join(got, " "); g != tc.want {
				t.Errorf("forced %q, want %q", g, tc.want)
			}
		})
	}
}

// TestManyBreakdownsPassTheAudit builds random studies whose courses are
// cut many overlapping ways (gender, age, education, country, track,
// registrations by track and date, withdrawals, grades by track, survey
// linkage) with many small cells, and checks that Compute settles and its
// whole-report audit (report/audit's linear programmes) finds no withheld
// count that the published ones pin.
func TestManyBreakdownsPassTheAudit(t *testing.T) {
	if testing.Short() {
		t.Skip("random studies")
	}
	for seed := range 20 {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(seed), 15))
			s := attackStudy()
			ds := &report.Dataset{}
			start := s.Courses[0].Start.Time
			pick := func(xs ...string) string {
				// skewed: the first values are common, the last rare
				return xs[min(len(xs)-1, int(rng.ExpFloat64()*1.2))]
			}
			for _, course := range []string{"big", "tiny"} {
				n := 3 + rng.IntN(60)
				for i := range n {
					id := fmt.Sprintf("%s%03d", course, i)
					l := report.Learner{ID: id, Course: course, Gender: pick("f", "m", "o", ""), YearOfBirth: 1950 + rng.IntN(55),
						Education: pick("b", "m", "hs", "p", "none", ""), Country: pick("SE", "NO", "DK", "FI", "IS", ""), Mode: pick("audit", "verified", "honor"),
						Enrolled: start.AddDate(0, 0, rng.IntN(40)-20)}
					if rng.IntN(8) == 0 {
						l.Unenrolled = l.Enrolled.AddDate(0, 0, 1+rng.IntN(10))
					}
					ds.Learners = append(ds.Learners, l)
					g := report.Grade{Learner: id, Course: course, Grade: rng.Float64(), Track: l.Mode, CertificateDelivered: l.Mode == "verified" && rng.IntN(2) == 0}
					ds.Grades = append(ds.Grades, g)
					if course == "big" && rng.IntN(2) == 0 {
						r := report.Response{Instrument: "pre", Course: course, Learner: id, Finished: true, Answers: map[string]string{"Q1": pick("A", "SA", "N", "D", "SD")}}
						ds.Responses = append(ds.Responses, r)
						if rng.IntN(6) == 0 {
							ds.Responses = append(ds.Responses, r)
						}
					}
				}
			}
			if _, err := Compute(s, ds); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestUWithheldWithALevel: with every respondent linked, the published
// level shares of two Likert items and an exact Mann–Whitney U pin the
// withheld levels (U is linear in the level counts), so U is withheld;
// the paired tests, which depend on the pairs' differences, stay.
func TestUWithheldWithALevel(t *testing.T) {
	s := attackStudy()
	s.Surveys = append(s.Surveys, study.Survey{Key: "post", Course: "big", Title: "Post", Questions: []study.Question{
		{ID: "Q1", Label: "Motivated", Type: "likert", Scale: "a5"}}})
	s.Comparisons = []study.Comparison{{Kind: "pre-post", Course: "big", Pre: "pre", Post: "post", Pairs: []study.ItemPair{{Pre: "Q1", Post: "Q1", Name: "motivated"}}}}
	ds := attackDataset(s)
	for i := range 17 {
		a := []string{"A", "SA", "SA", "A", "N"}[i%5]
		ds.Responses = append(ds.Responses, report.Response{Instrument: "post", Course: "big", Learner: fmt.Sprintf("B%02d", i), Finished: true, Answers: map[string]string{"Q1": a}})
	}
	res, err := Compute(s, ds)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]report.Measure{}
	for _, x := range res.Measures {
		m[x.ID] = x
	}
	if u := m["big.pre-post.motivated.mann-whitney"]; u.Withheld != report.WithheldSecondary || u.Text != "[c]" || u.Test != nil {
		t.Errorf("Mann–Whitney = %+v, want withheld: the pre item's level SD (1 answer) is", u)
	}
	if w := m["big.pre-post.motivated.wilcoxon"]; w.Withheld != "" {
		t.Errorf("Wilcoxon = %+v, want shown", w)
	}
}

// TestMissingIsNotWithheld: a week a course does not have is shown as
// "–" in a figure's data, never as "<5" (issue 9: a withheld mark is
// only for a value withheld, and "<5" says the value is small).
func TestMissingIsNotWithheld(t *testing.T) {
	s := smallStudy()
	s.Courses[0].Weeks = 1 // big has one week, tiny two
	res, err := Compute(s, smallDataset())
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, blocks := range res.Sections {
		for _, b := range blocks {
			f := b.Figure
			if f == nil || f.Kind != report.FigureLines {
				continue
			}
			for i, cat := range f.Categories {
				for j, s := range f.Series {
					if s.Name == "Big" && cat == "2" {
						checked++
						if c := f.Table.Rows[i][1+j]; c.Withheld != "" || c.Text != "–" {
							t.Errorf("%s: Big, week 2 (no such week) shows %q (%s), want –", f.ID, c.Text, c.Withheld)
						}
					}
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no weekly figure with a week 2 for Big")
	}
}

// trueCount recomputes a count measure's value with disclosure control
// switched off (k = 1), to compare with what a withheld measure shows.
func trueCount(s *study.Study, id string) (int, bool) {
	open := *s
	open.Privacy.MinCell = 1
	res, err := Compute(&open, attackDataset(s))
	if err != nil {
		return 0, false
	}
	for _, m := range res.Measures {
		if m.ID == id {
			return int(m.Value), true
		}
	}
	return 0, false
}
